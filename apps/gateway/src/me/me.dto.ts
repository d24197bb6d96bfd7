import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PERMISSIONS, type PermissionName } from '@prosmed/auth';

export class ScopesDto {
  @ApiPropertyOptional({ description: 'CoFo of a CoFo secretary', example: 'SEG01' })
  cofoId?: string;

  @ApiPropertyOptional({ description: 'Tribunal of a clerk', example: 'TI-SEGOU' })
  tribunalId?: string;

  @ApiPropertyOptional({ description: 'Security committee of a CCS secretary', example: 'CCS-SEGOU' })
  ccsId?: string;

  @ApiPropertyOptional({ description: 'Structure of a focal point', example: 'OCLEI' })
  structureId?: string;
}

export class MeDto {
  @ApiProperty({ description: 'Keycloak subject' })
  sub: string;

  @ApiProperty({ example: 'secretaire.segou' })
  username: string;

  @ApiProperty({ type: [String], description: 'Realm roles', example: ['cofo-secretary'] })
  roles: string[];

  @ApiProperty({
    enum: Object.keys(PERMISSIONS),
    isArray: true,
    description: 'What the roles allow (the gateway checks these; services check scope)',
    example: ['me:read', 'cofo:read', 'case:read', 'case:write'],
  })
  permissions: PermissionName[];

  @ApiProperty({ type: ScopesDto, description: 'The records the caller is limited to; empty for all' })
  scopes: ScopesDto;

  @ApiProperty({ type: [String], description: 'OAuth scopes of the token', example: ['openid', 'profile'] })
  tokenScopes: string[];

  @ApiPropertyOptional({ description: 'Client the token was issued to', example: 'prosmed-web' })
  clientId?: string;

  @ApiProperty({ format: 'date-time', description: 'When the token expires' })
  expiresAt: string;
}
