import type { ComponentType } from 'preact';
import type { User } from '../auth/claims';
import type { Localized } from '../i18n/messages';
import type { OutboxItem } from '../outbox/outbox';
import type { RouteParams } from '../router';

export interface ScreenProps {
  user: User;
  params: RouteParams;
}

/** A task on the home screen: a link to one of the area's routes, for some of its roles. */
export interface Task {
  path: string;
  label: Localized;
  /** Who sees it (one of them is enough). */
  roles: readonly string[];
}

export interface AreaRoute {
  /** `/land/cases/:caseId`: under the area's own prefix, so areas never collide. */
  path: string;
  component: ComponentType<ScreenProps>;
  /** Who may open it (the gateway still checks every call). */
  roles: readonly string[];
}

/** A refused outbox item reopened in its area's form: the editor shows the server's messages beside the
 * fields and sends the corrected body with `resubmit(item.id, body)` (outbox.ts). */
export interface ItemEditorProps {
  user: User;
  item: OutboxItem;
}

/**
 * One role area (land: CoFo secretary and tribunal clerk; security: CCS secretary; anticorruption: focal
 * point, secretariat, committee): its home tasks and its routes. Registered by one line in registry.ts.
 */
export interface RoleArea {
  id: string;
  title: Localized;
  tasks: readonly Task[];
  routes: readonly AreaRoute[];
  /** The outbox kinds this area's forms can reopen, to fix a refusal (the outbox screen offers "Corriger"). */
  editors?: Readonly<Record<string, ComponentType<ItemEditorProps>>>;
}
