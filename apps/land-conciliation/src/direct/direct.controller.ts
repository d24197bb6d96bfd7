import { randomUUID } from 'node:crypto';
import {
  Body,
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
  Req,
  UseFilters,
  type OnModuleInit,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Request } from 'express';
import {
  CaseIdDto,
  CaseListQueryDto,
  FileCaseDto,
  Headers,
  type CaseSummaryV1,
  type CaseV1,
  type PageV1,
} from '@prosmed/contracts';
import { validatePayload, type RequestContext } from '@prosmed/messaging';
import { CasesService } from '../cases/cases.service';
import { DirectErrorFilter } from './direct-error.filter';
import {
  DIRECT_COFO_HEADER,
  DIRECT_SETTINGS,
  directIdentity,
  isLoopback,
  type DirectSettings,
} from './direct.settings';

/**
 * The same handlers as the Kafka controller (payload validated, one `CasesService` call), reached over
 * the service's HTTP port instead of Kafka. Benchmark only: see `direct.settings.ts` for the risk.
 */
@Controller('direct/cases')
@UseFilters(DirectErrorFilter)
export class DirectCasesController implements OnModuleInit {
  private cases!: CasesService;

  constructor(
    private readonly moduleRef: ModuleRef,
    @Inject(DIRECT_SETTINGS) private readonly settings: DirectSettings,
  ) {}

  onModuleInit(): void {
    // CasesModule does not export its service (nothing else may call it); this module reads it the way a
    // test would, without widening what CasesModule offers to the rest of the app.
    this.cases = this.moduleRef.get(CasesService, { strict: false });
  }

  @Post()
  @HttpCode(201)
  file(@Req() req: Request, @Body() body: unknown): Promise<CaseV1> {
    return this.cases.file(this.context(req), validatePayload(FileCaseDto, body));
  }

  @Get(':caseId')
  get(@Req() req: Request, @Param('caseId') caseId: string): Promise<CaseV1> {
    return this.cases.get(this.context(req), validatePayload(CaseIdDto, { caseId }).caseId);
  }

  @Get()
  list(@Req() req: Request, @Query() query: Record<string, string>): Promise<PageV1<CaseSummaryV1>> {
    const q: Record<string, unknown> = { ...query };
    if (typeof q.limit === 'string') q.limit = Number(q.limit);
    return this.cases.list(this.context(req), validatePayload(CaseListQueryDto, q));
  }

  private context(req: Request): RequestContext {
    if (!isLoopback(req.socket.remoteAddress)) throw new ForbiddenException('loopback callers only');
    const cofo = req.headers[DIRECT_COFO_HEADER];
    const identity = directIdentity(this.settings, typeof cofo === 'string' ? cofo : undefined);
    if (!identity) throw new ForbiddenException(`${DIRECT_COFO_HEADER} names a CoFo not in LAND_DIRECT_COFO`);
    const header = req.headers[Headers.requestId];
    return {
      requestId: typeof header === 'string' && header ? header : `direct:${randomUUID()}`,
      identity,
      language: 'fr',
    };
  }
}
