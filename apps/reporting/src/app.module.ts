import { Module } from '@nestjs/common';
import { ActivitiesController } from './activities/activities.controller';
import { ActivitiesService } from './activities/activities.service';
import { IndicatorQueries } from './indicators/indicator-queries';
import { IndicatorRepository } from './indicators/indicator-repository';
import { IndicatorsController } from './indicators/indicators.controller';
import { IndicatorsService } from './indicators/indicators.service';
import { ParkedRetryService } from './ingest/parked-retry.service';
import { EventConsumer } from './ingest/event-consumer';
import { FactStore } from './ingest/fact-store';
import { ReportData } from './reports/report-data';
import { ReportRepository } from './reports/report-repository';
import { ReportsController } from './reports/reports.controller';
import { ReportsService } from './reports/reports.service';

/**
 * The reporting service: `ingest/` (events of the other services into the read models), `activities/`
 * (what the M&E officers record), `indicators/` (the results framework and its queries), `reports/`.
 */
@Module({
  controllers: [ActivitiesController, IndicatorsController, ReportsController],
  providers: [
    FactStore,
    ParkedRetryService,
    EventConsumer,
    ActivitiesService,
    IndicatorRepository,
    IndicatorQueries,
    IndicatorsService,
    ReportData,
    ReportRepository,
    ReportsService,
  ],
})
export class AppModule {}
