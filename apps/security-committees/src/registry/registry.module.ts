import { Module } from '@nestjs/common';
import { CcsController } from './ccs.controller';
import { CcsService } from './ccs.service';

/** The CCS registry; records of the other features name their CCS by code. */
@Module({ controllers: [CcsController], providers: [CcsService] })
export class RegistryModule {}
