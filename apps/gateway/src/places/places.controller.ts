import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission, Public } from '@prosmed/auth';
import {
  PlaceCodeDto,
  PlaceImportDto,
  PlaceSearchDto,
  PvCheckDto,
  Requests,
  type PlaceDetailV1,
  type PlaceImportResultV1,
  type PlaceV1,
  type PvCheckV1,
} from '@prosmed/contracts';
import {
  PlaceDetailDto,
  PlaceDto,
  PlaceImportResultDto,
  PvCheckResultDto,
} from '../cases/dto/case-responses.dto';
import { ApiErrors } from '../errors/api-errors.decorator';
import { API_V1 } from '../http/paths';
import { callContextOf, type GatewayRequest } from '../http/request';
import { GatewayKafka } from '../kafka/gateway-kafka';

/** Mali's administrative tree on the maps before and after September 2024 (reference data). */
@ApiTags('Places')
@Controller(`${API_V1}/places`)
export class PlacesController {
  constructor(private readonly kafka: GatewayKafka) {}

  @Get()
  @Permission('place:read')
  @ApiOperation({ summary: 'Search places by name (accents and case ignored: "Segou" finds "Ségou")' })
  @ApiOkResponse({ type: [PlaceDto] })
  @ApiErrors(['VALIDATION_FAILED'])
  search(@Query() q: PlaceSearchDto, @Req() req: GatewayRequest): Promise<PlaceV1[]> {
    return this.kafka.send(Requests.land.placeSearch, q, callContextOf(req));
  }

  @Get(':code')
  @Permission('place:read')
  @ApiOperation({ summary: 'A place with its ancestors, children and its counterpart on the other map' })
  @ApiOkResponse({ type: PlaceDetailDto })
  @ApiErrors(['VALIDATION_FAILED', 'PLACE_NOT_FOUND'])
  get(@Param() p: PlaceCodeDto, @Req() req: GatewayRequest): Promise<PlaceDetailV1> {
    return this.kafka.send(Requests.land.placeGet, { code: p.code }, callContextOf(req));
  }

  @Post('import')
  @HttpCode(200)
  @Permission('place:write')
  @ApiOperation({
    summary: 'Import places from CSV (admin)',
    description:
      'All or nothing: every bad row is reported by line in `details` and nothing is written. Rows identical ' +
      'to known places are skipped, so a retried upload does no harm.',
  })
  @ApiOkResponse({ type: PlaceImportResultDto })
  @ApiErrors(['PLACES_IMPORT_INVALID'], { body: true, idempotent: true })
  import(@Body() dto: PlaceImportDto, @Req() req: GatewayRequest): Promise<PlaceImportResultV1> {
    return this.kafka.send(Requests.land.placeImport, dto, callContextOf(req));
  }
}

/** The public check of a printed PV: its number, state and content hash, never personal data. */
@ApiTags('Public')
@Controller('api/public')
export class PublicPvCheckController {
  constructor(private readonly kafka: GatewayKafka) {}

  @Get('pvs/check/:code')
  @Public()
  @ApiOperation({
    summary: 'Check a printed PV (public)',
    description:
      'The code printed (and in the QR) on the PV. Answers whether it exists, its case number, version, state ' +
      'and the SHA-256 of its content, to compare with the paper. No names, no personal data.',
  })
  @ApiOkResponse({ type: PvCheckResultDto })
  @ApiErrors(['VALIDATION_FAILED'])
  check(@Param() p: PvCheckDto, @Req() req: GatewayRequest): Promise<PvCheckV1> {
    return this.kafka.send(Requests.land.pvCheck, { code: p.code }, callContextOf(req));
  }
}
