-- tests/realworld/sqlite-cte.sql: recursive CTEs (sequences, graph walks,
-- the Mandelbrot set, a sudoku solver), window functions over their results.
.headers off
.mode list
WITH RECURSIVE fib(n, a, b) AS (SELECT 1, 0, 1 UNION ALL SELECT n + 1, b, a + b FROM fib WHERE n < 90)
  SELECT n, a FROM fib;
WITH RECURSIVE c(n, steps, x) AS (SELECT 27, 0, 27 UNION ALL
  SELECT n, steps + 1, CASE WHEN x % 2 = 0 THEN x / 2 ELSE 3 * x + 1 END FROM c WHERE x <> 1)
  SELECT max(steps), max(x) FROM c;
WITH RECURSIVE p(n) AS (SELECT 2 UNION ALL SELECT n + 1 FROM p WHERE n < 2000)
  SELECT count(*), sum(n), max(n) FROM p WHERE NOT EXISTS (SELECT 1 FROM p AS d WHERE d.n * d.n <= p.n AND p.n % d.n = 0);
CREATE TABLE edge(a INTEGER, b INTEGER, w INTEGER);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60)
  INSERT INTO edge SELECT i, (i * 7) % 60 + 1, i % 9 + 1 FROM n UNION ALL SELECT i, (i * 13) % 60 + 1, i % 5 + 2 FROM n;
WITH RECURSIVE reach(node, depth, path) AS (
    SELECT 1, 0, '1'
    UNION
    SELECT e.b, r.depth + 1, r.path || '>' || e.b FROM reach r JOIN edge e ON e.a = r.node WHERE r.depth < 6 AND instr(r.path || '>', '>' || e.b || '>') = 0 AND r.path NOT LIKE e.b || '>%')
  SELECT node, min(depth), count(*) FROM reach GROUP BY node ORDER BY node;
WITH RECURSIVE
  xaxis(x) AS (VALUES(-2.0) UNION ALL SELECT x + 0.05 FROM xaxis WHERE x < 1.2),
  yaxis(y) AS (VALUES(-1.0) UNION ALL SELECT y + 0.1 FROM yaxis WHERE y < 1.0),
  m(iter, cx, cy, x, y) AS (
    SELECT 0, x, y, 0.0, 0.0 FROM xaxis, yaxis
    UNION ALL
    SELECT iter + 1, cx, cy, x * x - y * y + cx, 2.0 * x * y + cy FROM m
     WHERE (x * x + y * y) < 4.0 AND iter < 28),
  m2(iter, cx, cy) AS (SELECT max(iter), cx, cy FROM m GROUP BY cx, cy),
  a(t) AS (SELECT group_concat(substr(' .+*#', 1 + min(iter / 7, 4), 1), '') FROM m2 GROUP BY cy)
SELECT group_concat(rtrim(t), x'0a') FROM a;
WITH RECURSIVE
  input(sud) AS (VALUES('53..7....6..195....98....6.8...6...34..8.3..17...2...6.6....28....419..5....8..79')),
  digits(z, lp) AS (VALUES('1', 1) UNION ALL SELECT CAST(lp + 1 AS TEXT), lp + 1 FROM digits WHERE lp < 9),
  x(s, ind) AS (
    SELECT sud, instr(sud, '.') FROM input
    UNION ALL
    SELECT substr(s, 1, ind - 1) || z || substr(s, ind + 1), instr(substr(s, 1, ind - 1) || z || substr(s, ind + 1), '.')
     FROM x, digits AS z
    WHERE ind > 0
      AND NOT EXISTS (
            SELECT 1 FROM digits AS lp
             WHERE z.z = substr(s, ((ind - 1) / 9) * 9 + lp, 1)
                OR z.z = substr(s, ((ind - 1) % 9) + (lp - 1) * 9 + 1, 1)
                OR z.z = substr(s, (((ind - 1) / 3) % 3) * 3 + ((ind - 1) / 27) * 27 + lp + ((lp - 1) / 3) * 6, 1)))
SELECT s FROM x WHERE ind = 0;
WITH RECURSIVE t(n, s) AS (SELECT 1, 'a' UNION ALL SELECT n + 1, s || char(97 + n % 26) FROM t WHERE n < 200)
  SELECT n, length(s), substr(s, -10), hex(substr(s, 1, 4)) FROM t WHERE n % 40 = 0;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100)
  SELECT i, sum(i) OVER w, avg(i) OVER w, row_number() OVER (ORDER BY i DESC), percent_rank() OVER (ORDER BY i % 10), cume_dist() OVER (ORDER BY i % 7)
  FROM n WINDOW w AS (ORDER BY i ROWS BETWEEN 3 PRECEDING AND 1 FOLLOWING) ORDER BY i;
WITH RECURSIVE h(disk, src, dst, tmp, depth) AS (SELECT 10, 'A', 'C', 'B', 0
  UNION ALL SELECT disk - 1, src, tmp, dst, depth + 1 FROM h WHERE disk > 1)
  SELECT count(*), sum(disk), group_concat(src || dst, ' ') FROM h;
WITH RECURSIVE n(i, f) AS (SELECT 0, 1 UNION ALL SELECT i + 1, f * (i + 1) FROM n WHERE i < 20)
  SELECT i, f, printf('%.6e', f * 1.0) FROM n;
WITH RECURSIVE g(i, v) AS (SELECT 0, 12345 UNION ALL SELECT i + 1, (v * 1103515245 + 12345) % 2147483648 FROM g WHERE i < 5000)
  SELECT count(*), sum(v), min(v), max(v), sum(v % 97), count(DISTINCT v % 1000) FROM g;
