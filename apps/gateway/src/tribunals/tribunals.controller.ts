import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Permission } from '@prosmed/auth';
import {
  type CreateTribunalV1,
  type GetByCodeV1,
  type PageV1,
  Requests,
  type TribunalListQueryV1,
  type TribunalV1,
  type UpdateTribunalV1,
} from '@prosmed/contracts';
import { CodeParamDto } from '../common/codes';
import { definedOnly } from '../common/defined-only';
import { ApiErrors } from '../errors/api-errors.decorator';
import { API_V1 } from '../http/paths';
import { callContextOf, type GatewayRequest } from '../http/request';
import { GatewayKafka } from '../kafka/gateway-kafka';
import {
  CreateTribunalDto,
  ListTribunalsQueryDto,
  TribunalDto,
  TribunalPageDto,
  UpdateTribunalDto,
} from './dto/tribunal.dto';

/** Tribunals (homologation of PVs, referred cases): forwarded to the land service. */
@ApiTags('Tribunals')
@Controller(`${API_V1}/tribunals`)
export class TribunalsController {
  constructor(private readonly kafka: GatewayKafka) {}

  @Post()
  @HttpCode(201)
  @Permission('tribunal:write')
  @ApiOperation({ summary: 'Create a tribunal', description: 'Linked to the cercles it serves.' })
  @ApiCreatedResponse({ type: TribunalDto, description: 'Created; `Location` names it' })
  @ApiErrors(['TRIBUNAL_CODE_TAKEN', 'PLACE_UNKNOWN'], { body: true, idempotent: true })
  async create(
    @Body() dto: CreateTribunalDto,
    @Req() req: GatewayRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TribunalV1> {
    const command: CreateTribunalV1 = {
      code: dto.code,
      name: dto.name,
      kind: dto.kind,
      placeCode: dto.placeCode,
      cercleCodes: [...dto.cercleCodes],
    };
    const t = await this.kafka.send<TribunalV1>(
      Requests.land.tribunalCreate,
      command,
      callContextOf(req, dto.code),
    );
    res.location(`/${API_V1}/tribunals/${encodeURIComponent(t.code)}`);
    return t;
  }

  @Get()
  @Permission('tribunal:read')
  @ApiOperation({ summary: 'List tribunals', description: 'Filtered and paginated (cursor).' })
  @ApiOkResponse({ type: TribunalPageDto, description: 'One page of tribunals, in name order' })
  @ApiErrors(['VALIDATION_FAILED'])
  list(@Query() query: ListTribunalsQueryDto, @Req() req: GatewayRequest): Promise<PageV1<TribunalV1>> {
    const q: TribunalListQueryV1 = {
      kind: query.kind,
      placeCode: query.placeCode,
      q: query.q,
      cursor: query.cursor,
      limit: query.limit,
    };
    return this.kafka.send<PageV1<TribunalV1>>(Requests.land.tribunalList, q, callContextOf(req));
  }

  @Get(':code')
  @Permission('tribunal:read')
  @ApiOperation({ summary: 'Read a tribunal' })
  @ApiOkResponse({ type: TribunalDto, description: 'The tribunal' })
  @ApiErrors(['VALIDATION_FAILED', 'TRIBUNAL_NOT_FOUND'])
  get(@Param() p: CodeParamDto, @Req() req: GatewayRequest): Promise<TribunalV1> {
    const q: GetByCodeV1 = { code: p.code };
    return this.kafka.send<TribunalV1>(Requests.land.tribunalGet, q, callContextOf(req));
  }

  @Patch(':code')
  @Permission('tribunal:write')
  @ApiOperation({
    summary: 'Edit a tribunal',
    description: 'Send the `version` you read with the fields to change; the code cannot change.',
  })
  @ApiOkResponse({ type: TribunalDto, description: 'The tribunal as saved, with its new version' })
  @ApiErrors(['TRIBUNAL_NOT_FOUND', 'VERSION_CONFLICT', 'PLACE_UNKNOWN'], { body: true })
  update(
    @Param() p: CodeParamDto,
    @Body() dto: UpdateTribunalDto,
    @Req() req: GatewayRequest,
  ): Promise<TribunalV1> {
    const { version, ...changes } = dto;
    const command: UpdateTribunalV1 = { code: p.code, version, changes: definedOnly(changes) };
    return this.kafka.send<TribunalV1>(Requests.land.tribunalUpdate, command, callContextOf(req, p.code));
  }
}
