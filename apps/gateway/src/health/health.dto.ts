import { ApiProperty } from '@nestjs/swagger';

export class HealthDto {
  @ApiProperty({ example: 'ok' })
  status: string;
}

export class ReadinessChecksDto {
  @ApiProperty({ example: 'ok' })
  kafka: string;

  @ApiProperty({ example: 'ok' })
  keycloak: string;

  @ApiProperty({ example: 'ok' })
  postgres: string;
}

export class ReadinessDto {
  @ApiProperty({ example: 'ready' })
  status: string;

  @ApiProperty({ type: ReadinessChecksDto })
  checks: ReadinessChecksDto;
}
