-- A schema version 1 database as the kiosk at schema 1 wrote it (two check-ins,
-- the second rejected; a staff PIN hash), dumped with the sqlite3 shell. The
-- store tests load it and open it to check the migration keeps every row.
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE outbox(  id TEXT PRIMARY KEY,  type TEXT NOT NULL,  schema INTEGER NOT NULL,  created_at TEXT NOT NULL,  payload TEXT NOT NULL,  state TEXT NOT NULL DEFAULT 'pending'    CHECK(state IN ('pending','acked','rejected')),  attempts INTEGER NOT NULL DEFAULT 0,  last_error TEXT,  acked_at TEXT,  seq INTEGER NOT NULL);
INSERT INTO outbox VALUES('42205120-2ea8-41f9-9635-6d568d0d7edf','checkin',1,'2026-07-02T09:00:00Z','{"session_id":"sutton-stay-and-play-mon","session_name":"Stay and Play (Monday)","adults":1,"children":["0-1"],"first_visit":true,"language":"pl","first_name":"Zofia","postcode_district":"SM1","consent_version":"checkin-1"}','pending',0,NULL,NULL,1);
INSERT INTO outbox VALUES('cbb0b22c-f30f-45d9-9d3e-dd54c8cdecf2','checkin',1,'2026-07-02T09:05:00Z','{"session_id":"sutton-stay-and-play-mon","session_name":"Stay and Play (Monday)","adults":2,"children":["0-1"],"first_visit":true,"language":"pl","first_name":"Amara","postcode_district":"SM1","consent_version":"checkin-1"}','rejected',0,'unknown session',NULL,2);
CREATE TABLE attendance(  id INTEGER PRIMARY KEY,  day TEXT NOT NULL,  time TEXT NOT NULL,  session_id TEXT NOT NULL,  session_name TEXT NOT NULL,  first_name TEXT NOT NULL,  adults INTEGER NOT NULL,  children INTEGER NOT NULL,  first_visit INTEGER NOT NULL,  record_id TEXT REFERENCES outbox(id) ON DELETE SET NULL);
INSERT INTO attendance VALUES(1,'2026-07-02','10:00','sutton-stay-and-play-mon','Stay and Play (Monday)','Zofia',1,1,1,'42205120-2ea8-41f9-9635-6d568d0d7edf');
INSERT INTO attendance VALUES(2,'2026-07-02','10:05','sutton-stay-and-play-mon','Stay and Play (Monday)','Amara',2,1,1,'cbb0b22c-f30f-45d9-9d3e-dd54c8cdecf2');
CREATE TABLE kv(key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO kv VALUES('staff.pin_hash','$argon2id$v=19$m=8192,t=4,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA');
CREATE UNIQUE INDEX outbox_seq ON outbox(seq);
CREATE INDEX outbox_state ON outbox(state, seq);
CREATE INDEX attendance_day ON attendance(day, id);
CREATE INDEX attendance_record ON attendance(record_id);
PRAGMA user_version=1;
COMMIT;
