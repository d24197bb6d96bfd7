import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, type AuthContext, Permission } from '@prosmed/auth';
import { ApiErrors } from '../errors/api-errors.decorator';
import { API_V1 } from '../http/paths';
import { MeDto } from './me.dto';

@ApiTags('Me')
@Controller(`${API_V1}/me`)
export class MeController {
  @Get()
  @Permission('me:read')
  @ApiOperation({
    summary: 'Who am I',
    description: 'The verified identity of the token: roles, permissions and the records it is limited to.',
  })
  @ApiOkResponse({ type: MeDto, description: 'The caller' })
  @ApiErrors([], { remote: false })
  me(@Auth() auth: AuthContext): MeDto {
    const { identity, claims, permissions } = auth;
    const scopes: MeDto['scopes'] = {};
    if (identity.cofoId) scopes.cofoId = identity.cofoId;
    if (identity.tribunalId) scopes.tribunalId = identity.tribunalId;
    if (identity.ccsId) scopes.ccsId = identity.ccsId;
    if (identity.structureId) scopes.structureId = identity.structureId;
    const me: MeDto = {
      sub: identity.sub,
      username: identity.username,
      roles: identity.roles,
      permissions,
      scopes,
      tokenScopes: typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [],
      expiresAt: new Date((claims.exp ?? 0) * 1000).toISOString(),
    };
    if (typeof claims.azp === 'string') me.clientId = claims.azp;
    return me;
  }
}
