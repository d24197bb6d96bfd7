import { Module } from '@nestjs/common';
import { CasesModule } from './cases/cases.module';
import { DirectModule } from './direct/direct.module';
import { PlacesModule } from './places/places.module';
import { RegistryModule } from './registry/registry.module';

/**
 * Features of the land service, one folder each: `registry/` (CoFo, tribunals) now; `cases/` and PVs
 * next to it. The database, Kafka server, health and metrics come from `bootstrapService`.
 */
@Module({ imports: [PlacesModule, RegistryModule, CasesModule, ...DirectModule.ifEnabled()] })
export class AppModule {}
