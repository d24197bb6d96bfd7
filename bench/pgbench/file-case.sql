-- One case filing as the platform commits it, in schema "bench" (npm run bench creates and drops it).
-- Run with -M extended (parameters bound like node-pg does) and -D year=YYYY -D filed_on=YYYY-MM-DD
-- -D spread=0|1: 0 files every case in CoFo SEG01 (all clients queue on its counter row), 1 gives each
-- client a CoFo of its own, BENCH-001 for client 0 and so on (as the platform run's writers do).
-- The gateway's idempotency claim and completion are autocommit statements of their own, before and after
-- the land service's transaction: one pgbench "transaction" here is one filing, i.e. those three commits.
\set k random(1, 9000000000000000000)
INSERT INTO "bench"."idempotency_keys" ("subject", "key", "request_hash", "state", "request_id", "locked_until", "expires_at")
VALUES ('pgbench', 'pgb-' || :client_id || '-' || :k, md5('pgb-' || :k), 'in_progress', 'pgb-' || :k,
        now() + 20000 * interval '1 millisecond', now() + 86400000 * interval '1 millisecond')
ON CONFLICT ("subject", "key") DO UPDATE SET
  "request_hash" = EXCLUDED."request_hash", "state" = 'in_progress', "status_code" = NULL,
  "response_body" = NULL, "response_headers" = NULL, "request_id" = EXCLUDED."request_id",
  "created_at" = now(), "completed_at" = NULL,
  "locked_until" = EXCLUDED."locked_until", "expires_at" = EXCLUDED."expires_at"
WHERE "bench"."idempotency_keys"."expires_at" <= now()
RETURNING "key";
BEGIN;
SELECT "code" AS "cofo", "tribunal_code" FROM "bench"."cofo"
WHERE "code" = CASE WHEN :spread = 1 THEN 'BENCH-' || to_char(:client_id + 1, 'FM000') ELSE 'SEG01' END \gset
INSERT INTO "bench"."case_counter" ("cofo_code", "year", "last") VALUES (:cofo, :year, 1)
ON CONFLICT ("cofo_code", "year") DO UPDATE SET "last" = "case_counter"."last" + 1 RETURNING "last" \gset
INSERT INTO "bench"."dispute_case" AS c ("number", "cofo_code", "tribunal_code", "year", "seq", "state",
  "dispute_type", "filed_on", "summary", "village_code", "land_description", "surface_ha", "gps_lat", "gps_lon",
  "party_counts", "search", "created_by")
VALUES ('COFO-' || :cofo || '-' || :year || '-' || lpad(:last::text, greatest(4, length(:last::text)), '0'),
  :cofo, :tribunal_code, :year, :last, 'filed',
  'limites-de-champs', :filed_on, 'Désaccord sur la limite entre deux champs de mil', 'ML-SEG-SEG-SEG',
  'Champ de mil au nord du village', 2.5, 13.43, -6.26,
  '{"total":3,"women":1,"men":1,"youth":1,"groups":1}',
  'cofo seg01 desaccord sur la limite entre deux champs de mil champ de mil au nord du village aminata traore bakary diarra famille coulibaly',
  'secretaire.segou')
RETURNING c."id" AS "case_id", c."number", c."created_at" \gset
INSERT INTO "bench"."party" ("case_id", "position", "kind", "name", "sex", "age_group", "role", "village_code", "member_count")
VALUES (:case_id, 0, 'person', 'Aminata Traoré', 'F', 'youth-15-35', 'demandeur', 'ML-SEG-SEG-SEG', NULL),
       (:case_id, 1, 'person', 'Bakary Diarra', 'M', 'adult-36-59', 'defendeur', NULL, NULL),
       (:case_id, 2, 'group', 'Famille Coulibaly', NULL, 'unknown', 'temoin', NULL, 12)
RETURNING "id", "kind", "name", "sex", "age_group", "role", "village_code", "member_count";
INSERT INTO "bench"."audit_log" ("actor_id", "actor_name", "action", "entity_type", "entity_id", "from_state",
  "to_state", "reason", "before", "after", "request_id")
VALUES ('pgbench', 'secretaire.segou', 'case.filed', 'case', :case_id, NULL, 'filed', NULL, NULL,
  '{"number":"COFO-SEG01-2026-0001","cofoCode":"SEG01","disputeType":"limites-de-champs","filedOn":"2026-11-10","parties":{"total":3,"women":1,"men":1,"youth":1,"groups":1}}',
  'pgb-' || :k);
WITH ins AS (
  INSERT INTO "bench"."outbox" ("topic", "key", "payload", "headers")
  VALUES ('land.case.filed.v1', :case_id,
    '{"caseId":"00000000-0000-0000-0000-000000000000","caseNumber":"COFO-SEG01-2026-0001","cofoCode":"SEG01","placeCode":"ML-SEG-SEG-SEG","disputeType":"limites-de-champs","date":"2026-11-10","occurredAt":"2026-11-29T00:00:00.000Z","state":"filed","parties":{"total":3,"women":1,"men":1,"youth":1,"groups":1}}',
    '{"x-request-id":"pgbench"}')
  RETURNING "id"
)
SELECT ins."id", pg_notify('bench_outbox', '') FROM ins;
COMMIT;
UPDATE "bench"."idempotency_keys" SET "state" = 'completed', "status_code" = 201,
  "response_body" = '{"id":"00000000-0000-0000-0000-000000000000","number":"COFO-SEG01-2026-0001","cofoCode":"SEG01","tribunalCode":"TI-SEGOU","state":"filed","disputeType":"limites-de-champs","filedOn":"2026-11-10","summary":"Désaccord sur la limite entre deux champs de mil","land":{"villageCode":"ML-SEG-SEG-SEG","description":"Champ de mil au nord du village","surfaceHa":2.5,"gps":{"lat":13.43,"lon":-6.26}},"parties":[{"id":"00000000-0000-0000-0000-000000000001","kind":"person","name":"Aminata Traoré","sex":"F","ageGroup":"youth-15-35","role":"demandeur","villageCode":"ML-SEG-SEG-SEG","memberCount": null},{"id":"00000000-0000-0000-0000-000000000002","kind":"person","name":"Bakary Diarra","sex":"M","ageGroup":"adult-36-59","role":"defendeur","villageCode": null,"memberCount": null},{"id":"00000000-0000-0000-0000-000000000003","kind":"group","name":"Famille Coulibaly","sex": null,"ageGroup":"unknown","role":"temoin","villageCode": null,"memberCount":12}],"partyCounts":{"total":3,"women":1,"men":1,"youth":1,"groups":1},"steps":[],"pvs":[],"history":[{"at":"2026-11-29T00:00:00.000Z","actor":"secretaire.segou","action":"case.filed","fromState": null,"toState":"filed","reason": null}],"sentToTribunal": false,"version":1,"createdAt":"2026-11-29T00:00:00.000Z","updatedAt":"2026-11-29T00:00:00.000Z"}',
  "response_headers" = '{"location":"/api/v1/cases/00000000-0000-0000-0000-000000000000"}', "completed_at" = now()
WHERE "subject" = 'pgbench' AND "key" = 'pgb-' || :client_id || '-' || :k AND "request_hash" = md5('pgb-' || :k)
  AND "state" = 'in_progress';
