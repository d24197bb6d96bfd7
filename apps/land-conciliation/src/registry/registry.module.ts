import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CofoController } from './cofo/cofo.controller';
import { CofoEntity } from './cofo/cofo.entity';
import { CofoService } from './cofo/cofo.service';
import { TribunalController } from './tribunals/tribunal.controller';
import { TribunalEntity } from './tribunals/tribunal.entity';
import { TribunalService } from './tribunals/tribunal.service';

/** Reference data of the land service: CoFo and tribunals. Cases and PVs refer to them by code. */
@Module({
  imports: [TypeOrmModule.forFeature([CofoEntity, TribunalEntity])],
  controllers: [CofoController, TribunalController],
  // PLACE_CHECKER comes from the global PlacesModule: codes are looked up in @prosmed/places.
  providers: [CofoService, TribunalService],
  exports: [CofoService, TribunalService],
})
export class RegistryModule {}
