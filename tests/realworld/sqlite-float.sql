-- tests/realworld/sqlite-float.sql: floating point through sqlite: printf of
-- floats, rounding, math functions, text<->real conversions, aggregates.
-- No printf('%!...') or quote() of inexact reals: sqlite formats those in
-- long double, 80-bit on x86-64 but 128-bit on riscv64, so their last digits
-- differ between the native and the riscv64 build (qemu agrees with ferry).
.headers off
.mode list
SELECT 0.1 + 0.2, 1.0 / 3, 2.0 / 3, -1.0 / 3, 1e308 * 10, -1e308 * 10, 1.0 / 0, 0.0 / 0;
SELECT 1e-320, 2.2250738585072014e-308, 4.9e-324, 1.7976931348623157e308, 123456789012345678.0;
SELECT printf('%.17g|%.15e|%f|%10.4f|%-12.3e|%g|%G', 0.1, 1.0/7, 3.141592653589793, -2.5, 6.02214076e23, 1e-5, 1e20);
SELECT printf('%.0f|%.0f|%.0f|%.0f|%.1f|%.2f', 0.5, 1.5, 2.5, -0.5, 0.05, 1.005);
SELECT printf('%.16g|%.30f|%!.3f', 1.0/3, 0.1, 2.5);
SELECT round(2.5), round(-2.5), round(3.14159, 3), round(1234.5678, -2), round(0.5e-10, 12);
SELECT cast('3.25e2' AS REAL), cast('  -0.000125' AS REAL), cast('1e400' AS REAL), cast('abc' AS REAL), '7.5' + 1;
SELECT 1.0 * 9007199254740993, 9007199254740993 + 0.0, cast(9007199254740993.0 AS INTEGER), cast(1e19 AS INTEGER), cast(-1e19 AS INTEGER);
SELECT sqrt(2), sqrt(-1), exp(1), ln(10), log10(1000), log2(1024), log(2, 8), pow(2, 0.5), power(10, -3);
SELECT sin(1), cos(1), tan(1), asin(0.5), acos(0.5), atan(1), atan2(1, -1), pi();
SELECT sinh(1), cosh(1), tanh(0.5), asinh(1), acosh(2), atanh(0.5), degrees(pi()), radians(180);
SELECT ceil(-1.5), ceiling(1.2), floor(-1.5), floor(2.7), trunc(-2.7), trunc(2.7), mod(7.5, 2), mod(-7.5, 2), sign(-0.0), sign(3.5);
SELECT 1e15 + 0.3, 1e16 + 1, 123456.789e3, -0.0, 0.0 = -0.0, 1.5e-7, 100.0, 1e100;
SELECT avg(x), sum(x), total(x), min(x), max(x) FROM (SELECT 0.1 AS x UNION ALL SELECT 0.2 UNION ALL SELECT 0.3 UNION ALL SELECT 1e-9);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
  SELECT sum(1.0 / i), sum(1.0 / (i * i)), avg(sqrt(i)), sum(sin(i)), max(ln(i) / i) FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 40)
  SELECT i, printf('%.10f', i * 0.1), printf('%e', pow(1.5, i)), round(exp(-i / 4.0), 8), i / 7.0 FROM n;
WITH RECURSIVE n(i) AS (SELECT -20 UNION ALL SELECT i + 1 FROM n WHERE i < 20)
  SELECT i, i / 4.0, cast(i / 4.0 AS INTEGER), round(i / 4.0), printf('%.1f', i / 4.0), floor(i / 4.0), ceil(i / 4.0) FROM n;
CREATE TABLE m(k INTEGER PRIMARY KEY, v REAL);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500)
  INSERT INTO m SELECT i, (i * 7919 % 1000) / 37.0 - 13.5 FROM n;
SELECT count(*), sum(v), avg(v), min(v), max(v), sum(v * v) FROM m;
SELECT k % 10 AS g, count(*), printf('%.6f', avg(v)), printf('%.6f', sum(v)) FROM m GROUP BY g ORDER BY g;
SELECT k, v FROM m ORDER BY v DESC, k LIMIT 10;
SELECT k, v FROM m ORDER BY v, k LIMIT 10;
SELECT printf('%.3f', avg(v)) FROM (SELECT v FROM m ORDER BY v LIMIT 250 OFFSET 125);
SELECT typeof(v), count(*) FROM m GROUP BY 1;
SELECT 5 / 2, 5 / 2.0, 5.0 % 2, 2 * 1.5, 10 - 0.1, '2.5' * '4', 1 = 1.0, 3 > 2.9999999999;
SELECT json_array(0.1, 1e300, -2.5e-300, 1.0), json('[1.5e3, -0.0, 2E-2]');
SELECT 1.0/7 * 7 = 1.0, 0.1 * 3 = 0.3, abs(0.1 * 3 - 0.3) < 1e-15;
SELECT printf('%020.6f|%+.3e|% .2f', -3.14159, 12345.678, 2.0);
SELECT quote(0.5), quote(1e100), quote(-0.0), quote(12345.25);
