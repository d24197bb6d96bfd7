import { Controller } from '@nestjs/common';
import { Ctx, Payload, type KafkaContext } from '@nestjs/microservices';
import {
  LandMessages,
  type PlaceCodeDto,
  type PlaceDetailV1,
  type PlaceImportDto,
  type PlaceImportResultV1,
  type PlaceSearchDto,
  type PlaceV1,
} from '@prosmed/contracts';
import { Handles, readRequestContext } from '@prosmed/messaging';
import { PlacesService } from './places.service';

/** Places: read by every signed-in role, imported by admins. */
@Controller()
export class PlacesController {
  constructor(private readonly places: PlacesService) {}

  @Handles(LandMessages.placeSearch)
  search(@Payload() body: PlaceSearchDto, @Ctx() ctx: KafkaContext): Promise<PlaceV1[]> {
    readRequestContext(ctx);
    return this.places.search(body);
  }

  @Handles(LandMessages.placeGet)
  get(@Payload() body: PlaceCodeDto, @Ctx() ctx: KafkaContext): Promise<PlaceDetailV1> {
    readRequestContext(ctx);
    return this.places.get(body.code);
  }

  @Handles(LandMessages.placeImport)
  import(@Payload() body: PlaceImportDto, @Ctx() ctx: KafkaContext): Promise<PlaceImportResultV1> {
    return this.places.import(readRequestContext(ctx), body.csv);
  }
}
