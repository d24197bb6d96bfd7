import { normalizeName } from './normalize';
import { placeIssue } from './place-issues';
import {
  PLACE_LEVELS,
  PLACE_MAPS,
  type Place,
  type PlaceIssue,
  type PlaceLevel,
  type PlaceMap,
} from './place.types';
import { type PlaceDirectory } from './place-directory';
import { validatePlaceRows, type PlaceRowInput } from './validate';

/** Columns of a places CSV file, in the order of the template. */
export const PLACES_CSV_COLUMNS = [
  'code',
  'name',
  'level',
  'parent_code',
  'map',
  'valid_from',
  'valid_to',
] as const;
type Column = (typeof PLACES_CSV_COLUMNS)[number];

export interface PlacesCsvResult {
  /** The rows as places when the whole file is valid; empty as soon as one error is found, so half a file
   * can never be imported. */
  readonly places: Place[];
  /** Every problem of every row, by line. */
  readonly errors: PlaceIssue[];
}

export interface ParsePlacesCsvOptions {
  /** Parents may be in the file or already in this directory; codes must not clash with it. */
  readonly directory?: PlaceDirectory;
}

/** Other spellings admins use for levels: accents and the kinds of units the `village` level covers. */
const LEVEL_ALIASES: Readonly<Record<string, PlaceLevel>> = {
  fraction: 'village',
  quartier: 'village',
};

/**
 * Reads a places CSV: UTF-8 with or without BOM, `;` or `,` separated (taken from the header line), fields
 * optionally quoted (`""` inside quotes is a quote; quoted fields may span lines). The header is required;
 * columns may come in any order. Every problem is reported with its line (the header is line 1) and field;
 * nothing is dropped silently. Blank lines are ignored.
 */
export function parsePlacesCsv(text: string, options: ParsePlacesCsvOptions = {}): PlacesCsvResult {
  const errors: PlaceIssue[] = [];
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const { records, unterminatedAt } = readRecords(body, detectSeparator(body));
  if (unterminatedAt !== undefined) {
    errors.push(placeIssue(unterminatedAt, '*', 'CSV_UNTERMINATED_QUOTE'));
  }
  const nonBlank = records.filter((r) => r.fields.some((f) => f.trim() !== ''));
  if (nonBlank.length === 0) {
    if (errors.length === 0) errors.push(placeIssue(1, '*', 'CSV_EMPTY'));
    return { places: [], errors };
  }

  const [header, ...dataRecords] = nonBlank;
  const columnIndex = readHeader(header, errors);
  if (!columnIndex) return { places: [], errors };

  const rows: PlaceRowInput[] = [];
  for (const record of dataRecords) {
    if (record.fields.length !== columnIndex.width) {
      errors.push(
        placeIssue(record.line, '*', 'CSV_COLUMN_COUNT', {
          found: record.fields.length,
          expected: columnIndex.width,
        }),
      );
      continue;
    }
    const get = (c: Column) => record.fields[columnIndex.of[c]].trim();
    const code = get('code');
    const rawLevel = get('level');
    const rawMap = get('map');
    const level = parseLevel(rawLevel);
    const map = PLACE_MAPS.find((m) => m === rawMap.toLowerCase());
    const issue = (field: string, c: PlaceIssue['code'], params: Record<string, string> = {}) =>
      errors.push(placeIssue(record.line, field, c, params, code || undefined));
    if (rawLevel === '') issue('level', 'PLACE_REQUIRED');
    else if (!level)
      issue('level', 'PLACE_UNKNOWN_LEVEL', { value: rawLevel, allowed: PLACE_LEVELS.join(', ') });
    if (rawMap === '') issue('map', 'PLACE_REQUIRED');
    else if (!map) issue('map', 'PLACE_UNKNOWN_MAP', { value: rawMap, allowed: PLACE_MAPS.join(', ') });
    rows.push({
      line: record.line,
      code,
      name: get('name').replace(/\s+/g, ' '),
      level,
      parentCode: get('parent_code') || null,
      map,
      validFrom: get('valid_from'),
      validTo: get('valid_to') || null,
    });
  }

  const directory = options.directory;
  errors.push(...validatePlaceRows(rows, directory ? (c) => directory.get(c) : undefined));
  errors.sort((a, b) => a.line - b.line);

  if (errors.length > 0) return { places: [], errors };
  const places = rows
    .filter((r): r is PlaceRowInput & { level: PlaceLevel; map: PlaceMap } => !!r.level && !!r.map)
    .map(({ code, name, level, parentCode, map, validFrom, validTo }) => ({
      code,
      name,
      level,
      parentCode,
      map,
      validFrom,
      validTo,
    }));
  return { places, errors };
}

function parseLevel(raw: string): PlaceLevel | undefined {
  const key = normalizeName(raw);
  return PLACE_LEVELS.find((l) => l === key) ?? LEVEL_ALIASES[key];
}

interface ColumnIndex {
  readonly of: Readonly<Record<Column, number>>;
  readonly width: number;
}

function readHeader(header: CsvRecord, errors: PlaceIssue[]): ColumnIndex | undefined {
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const known = new Set<string>(PLACES_CSV_COLUMNS);
  const columns = PLACES_CSV_COLUMNS.join(', ');
  if (!names.some((n) => known.has(n))) {
    errors.push(placeIssue(header.line, '*', 'CSV_MISSING_HEADER', { columns }));
    return undefined;
  }
  const of: Partial<Record<Column, number>> = {};
  const before = errors.length;
  names.forEach((n, i) => {
    if (!known.has(n))
      errors.push(placeIssue(header.line, n || `#${i + 1}`, 'CSV_UNKNOWN_COLUMN', { column: n, columns }));
    else if (of[n as Column] !== undefined)
      errors.push(placeIssue(header.line, n, 'CSV_DUPLICATE_COLUMN', { column: n }));
    else of[n as Column] = i;
  });
  for (const c of PLACES_CSV_COLUMNS) {
    if (of[c] === undefined) errors.push(placeIssue(header.line, c, 'CSV_MISSING_COLUMN', { column: c }));
  }
  if (errors.length > before) return undefined;
  return { of: of as Record<Column, number>, width: names.length };
}

interface CsvRecord {
  /** Line on which the record starts. */
  readonly line: number;
  readonly fields: string[];
}

/** `;` when the first line has more semicolons than commas outside quotes (French Excel's default). */
function detectSeparator(text: string): ';' | ',' {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ';') semicolons++;
    else if (!quoted && ch === ',') commas++;
  }
  return semicolons > commas ? ';' : ',';
}

/** RFC 4180 records with their starting line; CRLF, LF and CR line ends. */
function readRecords(text: string, sep: string): { records: CsvRecord[]; unterminatedAt?: number } {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let quoteLine = 0;
  let i = 0;
  const endRecord = () => {
    fields.push(field);
    records.push({ line: recordLine, fields });
    fields = [];
    field = '';
  };
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
        field += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && field.trim() === '') {
      quoted = true;
      quoteLine = line;
      field = '';
    } else if (ch === sep) {
      fields.push(field);
      field = '';
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += ch;
    }
    i++;
  }
  if (quoted) return { records, unterminatedAt: quoteLine };
  if (field !== '' || fields.length > 0) endRecord();
  return { records };
}
