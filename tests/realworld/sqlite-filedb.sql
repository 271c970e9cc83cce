-- tests/realworld/sqlite-filedb.sql: a file database built with a rollback
-- journal, then WAL off, an index, updates and deletes across transactions.
PRAGMA journal_mode = DELETE;
PRAGMA page_size = 4096;
CREATE TABLE t(k INTEGER PRIMARY KEY, v INTEGER, s TEXT, b BLOB);
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
  INSERT INTO t SELECT i, (i * 2654435761) % 1000003, printf('row %06d %s', i, substr('abcdefghijklmnopqrstuvwxyz', 1 + i % 26)), zeroblob(i % 300) FROM n;
COMMIT;
CREATE INDEX t_v ON t(v);
BEGIN;
UPDATE t SET s = upper(s) WHERE k % 3 = 0;
DELETE FROM t WHERE k % 7 = 0;
COMMIT;
BEGIN;
DELETE FROM t WHERE k > 15000;
ROLLBACK;
SELECT count(*), sum(v), sum(length(s)), sum(length(b)) FROM t;
SELECT k, v, s FROM t WHERE v BETWEEN 1000 AND 1500 ORDER BY v;
PRAGMA integrity_check;
