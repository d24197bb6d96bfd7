import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Permission } from '@prosmed/auth';
import {
  type CofoV1,
  type CreateCofoV1,
  type GetByCodeV1,
  type ListQueryV1,
  type PageV1,
  Requests,
  type UpdateCofoV1,
} from '@prosmed/contracts';
import { CodeParamDto } from '../common/codes';
import { definedOnly } from '../common/defined-only';
import { ApiErrors } from '../errors/api-errors.decorator';
import { API_V1 } from '../http/paths';
import { callContextOf, type GatewayRequest } from '../http/request';
import { GatewayKafka } from '../kafka/gateway-kafka';
import { CofoDto, CofoPageDto, CreateCofoDto, ListCofosQueryDto, UpdateCofoDto } from './dto/cofo.dto';

/** CoFo registry: forwarded to the land service, which checks the caller's scope and answers. */
@ApiTags('CoFo')
@Controller(`${API_V1}/cofos`)
export class CofosController {
  constructor(private readonly kafka: GatewayKafka) {}

  @Post()
  @HttpCode(201)
  @Permission('cofo:write')
  @ApiOperation({ summary: 'Create a land commission (CoFo)' })
  @ApiCreatedResponse({ type: CofoDto, description: 'Created; `Location` names it' })
  @ApiErrors(['COFO_CODE_TAKEN', 'PLACE_UNKNOWN', 'TRIBUNAL_NOT_FOUND'], { body: true, idempotent: true })
  async create(
    @Body() dto: CreateCofoDto,
    @Req() req: GatewayRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CofoV1> {
    const command: CreateCofoV1 = {
      code: dto.code,
      name: dto.name,
      level: dto.level,
      placeCode: dto.placeCode,
      tribunalCode: dto.tribunalCode ?? null,
      members: dto.members.map((m) => ({ name: m.name, sex: m.sex, role: m.role })),
    };
    const cofo = await this.kafka.send<CofoV1>(
      Requests.land.cofoCreate,
      command,
      callContextOf(req, dto.code),
    );
    res.location(`/${API_V1}/cofos/${encodeURIComponent(cofo.code)}`);
    return cofo;
  }

  @Get()
  @Permission('cofo:read')
  @ApiOperation({
    summary: 'List CoFo',
    description: 'Filtered and paginated (cursor). A CoFo secretary gets only her own CoFo.',
  })
  @ApiOkResponse({ type: CofoPageDto, description: 'One page of CoFo, in name order' })
  @ApiErrors(['VALIDATION_FAILED'])
  list(@Query() query: ListCofosQueryDto, @Req() req: GatewayRequest): Promise<PageV1<CofoV1>> {
    const q: ListQueryV1 = {
      level: query.level,
      placeCode: query.placeCode,
      q: query.q,
      cursor: query.cursor,
      limit: query.limit,
    };
    return this.kafka.send<PageV1<CofoV1>>(Requests.land.cofoList, q, callContextOf(req));
  }

  @Get(':code')
  @Permission('cofo:read')
  @ApiOperation({ summary: 'Read a CoFo', description: 'A CoFo secretary may read only her own.' })
  @ApiOkResponse({ type: CofoDto, description: 'The CoFo' })
  @ApiErrors(['VALIDATION_FAILED', 'COFO_NOT_FOUND'])
  get(@Param() p: CodeParamDto, @Req() req: GatewayRequest): Promise<CofoV1> {
    const q: GetByCodeV1 = { code: p.code };
    return this.kafka.send<CofoV1>(Requests.land.cofoGet, q, callContextOf(req));
  }

  @Patch(':code')
  @Permission('cofo:write')
  @ApiOperation({
    summary: 'Edit a CoFo',
    description:
      'Send the `version` you read with the fields to change (optimistic lock in the body, not `If-Match`). ' +
      'The code cannot change; a `code` in the body is refused.',
  })
  @ApiOkResponse({ type: CofoDto, description: 'The CoFo as saved, with its new version' })
  @ApiErrors(['COFO_NOT_FOUND', 'VERSION_CONFLICT', 'PLACE_UNKNOWN', 'TRIBUNAL_NOT_FOUND'], { body: true })
  update(@Param() p: CodeParamDto, @Body() dto: UpdateCofoDto, @Req() req: GatewayRequest): Promise<CofoV1> {
    const { version, ...changes } = dto;
    const command: UpdateCofoV1 = { code: p.code, version, changes: definedOnly(changes) };
    return this.kafka.send<CofoV1>(Requests.land.cofoUpdate, command, callContextOf(req, p.code));
  }
}
