import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload, type KafkaContext } from '@nestjs/microservices';
import {
  PlaceCodeDto,
  PlaceImportDto,
  PlaceSearchDto,
  Requests,
  type PlaceDetailV1,
  type PlaceImportResultV1,
  type PlaceV1,
} from '@prosmed/contracts';
import { readRequestContext, validatePayload } from '@prosmed/messaging';
import { PlacesService } from './places.service';

/** Places: read by every signed-in role, imported by admins. */
@Controller()
export class PlacesController {
  constructor(private readonly places: PlacesService) {}

  @MessagePattern(Requests.land.placeSearch)
  search(@Payload() body: unknown, @Ctx() ctx: KafkaContext): Promise<PlaceV1[]> {
    readRequestContext(ctx);
    return this.places.search(validatePayload(PlaceSearchDto, body));
  }

  @MessagePattern(Requests.land.placeGet)
  get(@Payload() body: unknown, @Ctx() ctx: KafkaContext): Promise<PlaceDetailV1> {
    readRequestContext(ctx);
    return this.places.get(validatePayload(PlaceCodeDto, body).code);
  }

  @MessagePattern(Requests.land.placeImport)
  import(@Payload() body: unknown, @Ctx() ctx: KafkaContext): Promise<PlaceImportResultV1> {
    const rc = readRequestContext(ctx);
    return this.places.import(rc, validatePayload(PlaceImportDto, body).csv);
  }
}
