// A refused record's body (kept by the outbox) back into its form's fields, to fix it: pure, tested.
import { formatDate } from '../../i18n/format';

export interface ActivityBody {
  ccsCode: string;
  type: string;
  typeLabel?: string;
  startOn: string;
  endOn?: string;
  placeCode: string;
  theme: string;
  forces: string[];
  participants: { total: number; women: number; youth: number; fds: number; children?: number | null };
  outcomes?: string;
  recommendations?: string[];
}

/** The activity form's values (dates jj/mm/aaaa, counts as text, one recommendation a line) and forces. */
export function activityFormOf(b: ActivityBody): { values: Record<string, string>; forces: string[] } {
  const p = b.participants;
  return {
    values: {
      type: b.type,
      typeLabel: b.typeLabel ?? '',
      startOn: formatDate(b.startOn),
      endOn: b.endOn ? formatDate(b.endOn) : '',
      placeCode: b.placeCode,
      theme: b.theme,
      'participants.total': String(p.total),
      'participants.women': String(p.women),
      'participants.youth': String(p.youth),
      'participants.fds': String(p.fds),
      'participants.children': p.children === null || p.children === undefined ? '' : String(p.children),
      outcomes: b.outcomes ?? '',
      recommendations: (b.recommendations ?? []).join('\n'),
    },
    forces: [...b.forces],
  };
}

export interface GrievanceBody {
  ccsCode: string;
  receivedOn: string;
  channel: string;
  category: string;
  placeCode: string;
  summary: string;
  complainant?: { name?: unknown; phone?: unknown; note?: unknown } | null;
}

/** The grievance form's values (the identity included: it is her own record, on her phone). */
export function grievanceFormOf(b: GrievanceBody): Record<string, string> {
  const who = b.complainant ?? {};
  const text = (x: unknown) => (typeof x === 'string' ? x : '');
  return {
    receivedOn: formatDate(b.receivedOn),
    channel: b.channel,
    category: b.category,
    placeCode: b.placeCode,
    summary: b.summary,
    'complainant.name': text(who.name),
    'complainant.phone': text(who.phone),
    'complainant.note': text(who.note),
  };
}
