import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Permission } from '@prosmed/auth';
import {
  CaseListQueryDto,
  FileCaseDto,
  HomologationQueueQueryDto,
  Requests,
  type CaseSummaryV1,
  type CaseV1,
  type HomologationQueueItemV1,
  type PageV1,
  type PvPdfV1,
} from '@prosmed/contracts';
import { ApiErrors } from '../errors/api-errors.decorator';
import { API_V1 } from '../http/paths';
import { callContextOf, type GatewayRequest } from '../http/request';
import { GatewayKafka } from '../kafka/gateway-kafka';
import {
  CaseIdParamDto,
  ClosureBodyDto,
  HomologationDecisionBodyDto,
  HomologationRequestBodyDto,
  PvBodyDto,
  PvIdParamDto,
  ReferralBodyDto,
  StepBodyDto,
} from './dto/case-bodies.dto';
import { CaseDto, CaseSummaryPageDto, HomologationQueuePageDto } from './dto/case-responses.dto';

const COMMAND_ERRORS = [
  'CASE_NOT_FOUND',
  'OUT_OF_SCOPE',
  'VERSION_CONFLICT',
  'CASE_TRANSITION_FORBIDDEN',
  'CASE_CLOSED',
] as const;

/**
 * Land-dispute cases, from filing (saisine) to PV, homologation or referral, and closure. Forwarded to the
 * land service, which checks the caller's scope (her CoFo, her tribunal) and the legal procedure.
 */
@ApiTags('Cases')
@Controller(`${API_V1}/cases`)
export class CasesController {
  constructor(private readonly kafka: GatewayKafka) {}

  @Post()
  @HttpCode(201)
  @Permission('case:write')
  @ApiOperation({
    summary: 'File a case (saisine)',
    description:
      'For a CoFo secretary, in her own CoFo. The number (`COFO-<code>-<year>-<n>`) is given by the server, ' +
      'without gaps. Send an `Idempotency-Key`: a retry after a dropped connection returns the first answer.',
  })
  @ApiCreatedResponse({ type: CaseDto })
  @ApiErrors(
    ['OUT_OF_SCOPE', 'COFO_NOT_FOUND', 'PLACE_UNKNOWN', 'DATE_IN_FUTURE', 'PARTIES_NEED_BOTH_SIDES'],
    { body: true, idempotent: true },
  )
  async file(
    @Body() dto: FileCaseDto,
    @Req() req: GatewayRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CaseV1> {
    const created = await this.kafka.send<CaseV1>(
      Requests.land.caseFile,
      dto,
      callContextOf(req, dto.cofoCode),
    );
    res.location(`/${API_V1}/cases/${created.id}`);
    return created;
  }

  @Get()
  @Permission('case:read')
  @ApiOperation({
    summary: 'List cases',
    description:
      'Newest first, cursor pagination. A CoFo secretary sees her CoFo, a tribunal clerk what was sent to her tribunal.',
  })
  @ApiOkResponse({ type: CaseSummaryPageDto })
  @ApiErrors(['VALIDATION_FAILED'])
  list(@Query() q: CaseListQueryDto, @Req() req: GatewayRequest): Promise<PageV1<CaseSummaryV1>> {
    return this.kafka.send(Requests.land.caseList, q, callContextOf(req));
  }

  @Get(':caseId')
  @Permission('case:read')
  @ApiOperation({ summary: 'Read a case with its parties, steps, PVs (every version) and history' })
  @ApiOkResponse({ type: CaseDto })
  @ApiErrors(['VALIDATION_FAILED', 'CASE_NOT_FOUND', 'OUT_OF_SCOPE'])
  get(@Param() p: CaseIdParamDto, @Req() req: GatewayRequest): Promise<CaseV1> {
    return this.kafka.send(Requests.land.caseGet, { caseId: p.caseId }, callContextOf(req));
  }

  @Post(':caseId/steps')
  @HttpCode(200)
  @Permission('case:write')
  @ApiOperation({
    summary: 'Record an instruction step',
    description:
      'PV de constat, hearing (audition), confrontation or conciliation session, with the members present.',
  })
  @ApiOkResponse({ type: CaseDto })
  @ApiErrors([...COMMAND_ERRORS, 'DATE_IN_FUTURE', 'DATE_BEFORE_FILING', 'PARTY_UNKNOWN'], {
    body: true,
    idempotent: true,
  })
  step(@Param() p: CaseIdParamDto, @Body() dto: StepBodyDto, @Req() req: GatewayRequest): Promise<CaseV1> {
    return this.kafka.send(
      Requests.land.caseStep,
      { ...dto, caseId: p.caseId },
      callContextOf(req, p.caseId),
    );
  }

  @Post(':caseId/pvs')
  @HttpCode(200)
  @Permission('case:write')
  @ApiOperation({
    summary: 'Record a PV de conciliation or de non-conciliation',
    description:
      "Conciliation: agreed points, open points, each party's mark (signature, thumbprint, or represented by). " +
      'Non-conciliation: steps tried and why they failed. A PV already in force is replaced by a new version ' +
      '(give `correctionReason`); the old one is kept.',
  })
  @ApiOkResponse({ type: CaseDto })
  @ApiErrors(
    [
      ...COMMAND_ERRORS,
      'DATE_IN_FUTURE',
      'DATE_BEFORE_FILING',
      'MARKS_EXCEED_PARTIES',
      'PARTY_UNKNOWN',
      'PV_FIELDS_MISMATCH',
      'CORRECTION_REASON_REQUIRED',
    ],
    { body: true, idempotent: true },
  )
  pv(@Param() p: CaseIdParamDto, @Body() dto: PvBodyDto, @Req() req: GatewayRequest): Promise<CaseV1> {
    return this.kafka.send(Requests.land.casePv, { ...dto, caseId: p.caseId }, callContextOf(req, p.caseId));
  }

  @Post(':caseId/homologation-request')
  @HttpCode(200)
  @Permission('case:write')
  @ApiOperation({
    summary: 'Submit the PV de conciliation to the tribunal of the cercle for homologation',
    description:
      'Only a complete PV de conciliation: agreed points and the mark of every party to the dispute.',
  })
  @ApiOkResponse({ type: CaseDto })
  @ApiErrors(
    [...COMMAND_ERRORS, 'PV_NOT_CONCILIATION', 'PV_INCOMPLETE', 'COFO_WITHOUT_TRIBUNAL', 'DATE_IN_FUTURE'],
    {
      body: true,
      idempotent: true,
    },
  )
  requestHomologation(
    @Param() p: CaseIdParamDto,
    @Body() dto: HomologationRequestBodyDto,
    @Req() req: GatewayRequest,
  ): Promise<CaseV1> {
    return this.kafka.send(
      Requests.land.caseHomologationRequest,
      { ...dto, caseId: p.caseId },
      callContextOf(req, p.caseId),
    );
  }

  @Post(':caseId/homologation-decision')
  @HttpCode(200)
  @Permission('homologation:decide')
  @ApiOperation({
    summary: 'Record the tribunal’s decision: homologated (number and date) or rejected (reason)',
    description: 'For the clerk of the tribunal the PV was sent to.',
  })
  @ApiOkResponse({ type: CaseDto })
  @ApiErrors([...COMMAND_ERRORS, 'PV_NOT_FOUND', 'DATE_IN_FUTURE', 'DATE_BEFORE_REQUEST'], {
    body: true,
    idempotent: true,
  })
  decideHomologation(
    @Param() p: CaseIdParamDto,
    @Body() dto: HomologationDecisionBodyDto,
    @Req() req: GatewayRequest,
  ): Promise<CaseV1> {
    return this.kafka.send(
      Requests.land.caseHomologationDecide,
      { ...dto, caseId: p.caseId },
      callContextOf(req, p.caseId),
    );
  }

  @Post(':caseId/referral')
  @HttpCode(200)
  @Permission('case:refer')
  @ApiOperation({
    summary: 'Record the referral of a non-conciliation to the tribunal',
    description:
      'By the CoFo secretary or the clerk of the tribunal; needs a recorded PV de non-conciliation.',
  })
  @ApiOkResponse({ type: CaseDto })
  @ApiErrors([...COMMAND_ERRORS, 'REFERRAL_NEEDS_NON_CONCILIATION', 'DATE_IN_FUTURE', 'DATE_BEFORE_FILING'], {
    body: true,
    idempotent: true,
  })
  refer(
    @Param() p: CaseIdParamDto,
    @Body() dto: ReferralBodyDto,
    @Req() req: GatewayRequest,
  ): Promise<CaseV1> {
    return this.kafka.send(
      Requests.land.caseRefer,
      { ...dto, caseId: p.caseId },
      callContextOf(req, p.caseId),
    );
  }

  @Post(':caseId/closure')
  @HttpCode(200)
  @Permission('case:write')
  @ApiOperation({
    summary: 'Close a case',
    description: 'After homologation, after referral, or withdrawn (désistement) before any PV.',
  })
  @ApiOkResponse({ type: CaseDto })
  @ApiErrors([...COMMAND_ERRORS, 'CASE_WITHDRAWAL_AFTER_PV'], { body: true, idempotent: true })
  close(
    @Param() p: CaseIdParamDto,
    @Body() dto: ClosureBodyDto,
    @Req() req: GatewayRequest,
  ): Promise<CaseV1> {
    return this.kafka.send(
      Requests.land.caseClose,
      { ...dto, caseId: p.caseId },
      callContextOf(req, p.caseId),
    );
  }
}

/** PVs waiting at (or decided by) the tribunal, and the printable PV. */
@ApiTags('Cases')
@Controller(API_V1)
export class PvsController {
  constructor(private readonly kafka: GatewayKafka) {}

  @Get('homologations')
  @Permission('case:read')
  @ApiOperation({
    summary: 'PVs sent for homologation: pending, overdue (waiting too long) or decided',
    description: 'A clerk sees her tribunal’s, a secretary her CoFo’s; with the waiting time in days.',
  })
  @ApiOkResponse({ type: HomologationQueuePageDto })
  @ApiErrors(['VALIDATION_FAILED'])
  queue(
    @Query() q: HomologationQueueQueryDto,
    @Req() req: GatewayRequest,
  ): Promise<PageV1<HomologationQueueItemV1>> {
    return this.kafka.send(Requests.land.homologationQueue, q, callContextOf(req));
  }

  @Get('pvs/:pvId.pdf')
  @Permission('case:read')
  @ApiOperation({
    summary: 'The printable PV (PDF, French, A4)',
    description:
      'Every legal field, signature or thumbprint boxes, dates dd/mm/yyyy, and a verification code (QR) that ' +
      'the tribunal checks at /api/public/pvs/check/{code}.',
  })
  @ApiOkResponse({
    description: 'The PDF',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiErrors(['VALIDATION_FAILED', 'PV_NOT_FOUND', 'OUT_OF_SCOPE'])
  async pdf(@Param() p: PvIdParamDto, @Req() req: GatewayRequest, @Res() res: Response): Promise<void> {
    const pdf = await this.kafka.send<PvPdfV1>(Requests.land.pvPdf, { pvId: p.pvId }, callContextOf(req));
    const bytes = Buffer.from(pdf.base64, 'base64');
    res
      .status(200)
      .type('application/pdf')
      .setHeader('Content-Disposition', `inline; filename="${pdf.filename.replace(/[^\w.-]/g, '_')}"`)
      .setHeader('Cache-Control', 'private, no-store')
      .send(bytes);
  }
}
