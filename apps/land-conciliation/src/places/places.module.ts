import { Global, Module } from '@nestjs/common';
import { PLACE_CHECKER } from '../shared/place-checker';
import { PlacesController } from './places.controller';
import { PlacesService } from './places.service';

/** Places for the whole service: the registry and cases check codes against the same directory. */
@Global()
@Module({
  controllers: [PlacesController],
  providers: [PlacesService, { provide: PLACE_CHECKER, useExisting: PlacesService }],
  exports: [PlacesService, PLACE_CHECKER],
})
export class PlacesModule {}
