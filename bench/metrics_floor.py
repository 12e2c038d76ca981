"""The practical floor: one hand-written DuckDB query for the whole catalogue.

It computes the same numerators, denominators and values as Joined Up for the six interface
indicators and today's four discharge and Better Care Fund measures (months and rolling
12-month windows, every area and England, exact 90th percentile from length-of-stay
histograms, each indicator only for the periods within its validity) straight from the files,
with none of Joined Up's generality: no validation, no canonical typing, no declarations.
Written for the synthetic files, whose codes are text.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa

QUERY = """
WITH
months AS (
  SELECT CAST(unnest(generate_series(DATE '{first}', DATE '{last}', INTERVAL 1 MONTH)) AS DATE)
    AS month
),
periods AS (
  SELECT month AS period_start, last_day(month) AS period_end, month FROM months
  UNION ALL
  SELECT CAST(e.month - INTERVAL 11 MONTH AS DATE), last_day(e.month), m.month
  FROM months e JOIN months m
    ON m.month BETWEEN e.month - INTERVAL 11 MONTH AND e.month
  WHERE e.month - INTERVAL 11 MONTH >= DATE '{first}'
),
spans AS (SELECT DISTINCT period_start, period_end FROM periods),
areas AS (
  SELECT DISTINCT area_code AS area FROM read_parquet('{folder}/population.parquet')
  WHERE area_code <> 'E92000001'
  UNION ALL SELECT 'E92000001'
),
grid AS (SELECT area, period_start, period_end FROM areas, spans),
pop AS (
  SELECT area_code AS area, year, population_18plus AS p18, population_65plus AS p65
  FROM read_parquet('{folder}/population.parquet')
),
adm AS (
  SELECT resladst_ons AS area, CAST(date_trunc('month', admidate) AS DATE) AS month,
         count(*) FILTER (admimeth LIKE '2%' AND startage >= 65) AS em65
  FROM read_parquet('{folder}/spells.parquet')
  WHERE admidate BETWEEN DATE '{first}' AND last_day(DATE '{last}')
  GROUP BY ALL
),
dis AS (
  SELECT resladst_ons AS area, CAST(date_trunc('month', disdate) AS DATE) AS month,
         CASE WHEN admimeth LIKE '2%' AND startage >= 65
              THEN date_diff('day', admidate, disdate) END AS los,
         count(*) FILTER (admimeth LIKE '2%' AND startage >= 65) AS em65,
         count(*) FILTER (startage >= 65 AND disdest IS DISTINCT FROM '79') AS live65,
         count(*) FILTER (admimeth LIKE '2%' AND disdest IS DISTINCT FROM '79') AS emlive,
         count(*) FILTER (admimeth LIKE '2%' AND disdest IS DISTINCT FROM '79'
                          AND isodow(disdate) >= 6) AS emlive_weekend,
         count(*) FILTER (startage >= 18 AND disdest IS DISTINCT FROM '79'
                          AND discharge_ready_date IS NOT NULL) AS ready18,
         count(*) FILTER (startage >= 18 AND disdest IS DISTINCT FROM '79'
                          AND discharge_ready_date IS NOT NULL
                          AND date_diff('day', discharge_ready_date, disdate) <= 0) AS ontime18,
         count(*) FILTER (startage >= 18 AND disdest IS DISTINCT FROM '79'
                          AND date_diff('day', discharge_ready_date, disdate) >= 1) AS late18,
         sum(CASE WHEN startage >= 18 AND disdest IS DISTINCT FROM '79'
                   AND date_diff('day', discharge_ready_date, disdate) >= 1
                  THEN date_diff('day', discharge_ready_date, disdate) ELSE 0 END) AS latedays18,
         count(*) FILTER (disdest = '19') AS usual,
         count(*) FILTER (disdest IS NOT NULL AND disdest IS DISTINCT FROM '79') AS knowndest
  FROM read_parquet('{folder}/spells.parquet')
  WHERE disdate BETWEEN DATE '{first}' AND last_day(DATE '{last}')
  GROUP BY ALL
),
reab AS (
  SELECT area_code AS area, CAST(date_trunc('month', hospital_disdate) AS DATE) AS month,
         count(*) FILTER (startage >= 65) AS r65,
         count(*) FILTER (startage >= 65 AND at_home_day91 IS NOT NULL) AS known65,
         count(*) FILTER (startage >= 65 AND at_home_day91) AS home65
  FROM read_parquet('{folder}/reablement.parquet')
  WHERE hospital_disdate BETWEEN DATE '{first}' AND last_day(DATE '{last}')
  GROUP BY ALL
),
ltc AS (
  SELECT area_code AS area, CAST(date_trunc('month', event_start_date) AS DATE) AS month,
         count(*) FILTER (startage >= 65) AS ltc65
  FROM read_parquet('{folder}/ltc_admissions.parquet')
  WHERE event_start_date BETWEEN DATE '{first}' AND last_day(DATE '{last}')
  GROUP BY ALL
),
dtoc AS (
  SELECT area_code AS area, CAST(month || '-01' AS DATE) AS month, sum(delayed_days) AS days
  FROM read_parquet('{folder}/dtoc.parquet') GROUP BY ALL
),
adm_p AS (
  SELECT CASE WHEN grouping(area) = 1 THEN 'E92000001' ELSE area END AS area,
         period_start, period_end, sum(em65) AS em65
  FROM adm JOIN periods USING (month)
  GROUP BY GROUPING SETS ((area, period_start, period_end), (period_start, period_end))
  HAVING grouping(area) = 1 OR area IS NOT NULL
),
dis_p AS (
  SELECT CASE WHEN grouping(area) = 1 THEN 'E92000001' ELSE area END AS area,
         period_start, period_end, sum(em65) AS em65, sum(live65) AS live65,
         sum(emlive) AS emlive, sum(emlive_weekend) AS emlive_weekend,
         sum(ready18) AS ready18, sum(ontime18) AS ontime18, sum(late18) AS late18,
         sum(latedays18) AS latedays18, sum(usual) AS usual, sum(knowndest) AS knowndest
  FROM dis JOIN periods USING (month)
  GROUP BY GROUPING SETS ((area, period_start, period_end), (period_start, period_end))
  HAVING grouping(area) = 1 OR area IS NOT NULL
),
hist AS (
  SELECT CASE WHEN grouping(area) = 1 THEN 'E92000001' ELSE area END AS area,
         period_start, period_end, los, sum(em65) AS n
  FROM dis JOIN periods USING (month)
  WHERE los IS NOT NULL
  GROUP BY GROUPING SETS ((area, period_start, period_end, los),
                          (period_start, period_end, los))
  HAVING grouping(area) = 1 OR area IS NOT NULL
),
ranked AS (
  SELECT *, sum(n) OVER w_upto AS upto, sum(n) OVER w_all AS total
  FROM hist
  WINDOW w_upto AS (PARTITION BY area, period_start, period_end ORDER BY los
                    ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW),
         w_all AS (PARTITION BY area, period_start, period_end)
),
p90 AS (
  SELECT area, period_start, period_end, max(total) AS total,
         max(0.9 * (total - 1) - floor(0.9 * (total - 1))) AS frac,
         min(los) FILTER (upto > floor(0.9 * (total - 1))) AS lo,
         min(los) FILTER (upto > floor(0.9 * (total - 1)) + 1) AS hi
  FROM ranked GROUP BY ALL
),
reab_p AS (
  SELECT CASE WHEN grouping(area) = 1 THEN 'E92000001' ELSE area END AS area,
         period_start, period_end, sum(r65) AS r65, sum(known65) AS known65,
         sum(home65) AS home65
  FROM reab JOIN periods USING (month)
  GROUP BY GROUPING SETS ((area, period_start, period_end), (period_start, period_end))
  HAVING grouping(area) = 1 OR area IS NOT NULL
),
ltc_p AS (
  SELECT CASE WHEN grouping(area) = 1 THEN 'E92000001' ELSE area END AS area,
         period_start, period_end, sum(ltc65) AS ltc65
  FROM ltc JOIN periods USING (month)
  GROUP BY GROUPING SETS ((area, period_start, period_end), (period_start, period_end))
  HAVING grouping(area) = 1 OR area IS NOT NULL
),
dtoc_p AS (
  SELECT CASE WHEN grouping(area) = 1 THEN 'E92000001' ELSE area END AS area,
         period_start, period_end, sum(days) AS days
  FROM dtoc JOIN periods USING (month)
  GROUP BY GROUPING SETS ((area, period_start, period_end), (period_start, period_end))
),
base AS (
  SELECT g.area, g.period_start, g.period_end,
         coalesce(a.em65, 0) AS adm65, coalesce(d.em65, 0) AS dis65,
         coalesce(d.live65, 0) AS live65, coalesce(d.emlive, 0) AS emlive,
         coalesce(d.emlive_weekend, 0) AS weekend, coalesce(r.r65, 0) AS r65,
         coalesce(r.known65, 0) AS known65, coalesce(r.home65, 0) AS home65,
         coalesce(t.days, 0) AS delayed, p.p18, p.p65,
         coalesce(d.ready18, 0) AS ready18, coalesce(d.ontime18, 0) AS ontime18,
         coalesce(d.late18, 0) AS late18, coalesce(d.latedays18, 0) AS latedays18,
         coalesce(d.usual, 0) AS usual, coalesce(d.knowndest, 0) AS knowndest,
         coalesce(l.ltc65, 0) AS ltc65,
         p90.lo + p90.frac * (coalesce(p90.hi, p90.lo) - p90.lo) AS p90,
         date_diff('day', g.period_start, g.period_end) + 1 AS days
  FROM grid g
  LEFT JOIN adm_p a USING (area, period_start, period_end)
  LEFT JOIN dis_p d USING (area, period_start, period_end)
  LEFT JOIN reab_p r USING (area, period_start, period_end)
  LEFT JOIN dtoc_p t USING (area, period_start, period_end)
  LEFT JOIN ltc_p l USING (area, period_start, period_end)
  LEFT JOIN p90 USING (area, period_start, period_end)
  LEFT JOIN pop p ON p.area = g.area AND p.year = year(g.period_start)
)
SELECT area AS area_code, 'emergency_admissions_65plus' AS indicator, period_start, period_end,
       CAST(adm65 AS DOUBLE) AS numerator, CAST(p65 AS DOUBLE) AS denominator,
       adm65 / p65 * 100000 AS value FROM base
UNION ALL
SELECT area, 'los_p90_emergency_65plus', period_start, period_end, NULL, dis65,
       CAST(p90 AS DOUBLE) FROM base
UNION ALL
SELECT area, 'delayed_days_per_day_18plus', period_start, period_end, delayed,
       days * p18 / 100000, delayed / (days * p18 / 100000) FROM base
  WHERE period_end <= DATE '2020-02-29'  -- the collection stopped in February 2020
UNION ALL
SELECT area, 'reablement_at_home_91d_65plus', period_start, period_end, home65, known65,
       CASE WHEN known65 > 0 THEN home65 / known65 * 100 END FROM base
UNION ALL
SELECT area, 'reablement_offered_65plus', period_start, period_end, r65, live65,
       CASE WHEN live65 > 0 THEN r65 / live65 * 100 END FROM base
UNION ALL
SELECT area, 'weekend_discharges_emergency', period_start, period_end, weekend, emlive,
       CASE WHEN emlive > 0 THEN weekend / emlive * 100 END FROM base
UNION ALL
SELECT area, 'discharged_on_ready_date_18plus', period_start, period_end, ontime18, ready18,
       CASE WHEN ready18 > 0 THEN ontime18 / ready18 * 100 END FROM base
  WHERE period_start >= DATE '2022-04-01'
UNION ALL
SELECT area, 'discharge_delay_days_18plus', period_start, period_end, latedays18, late18,
       CASE WHEN late18 > 0 THEN latedays18 / late18 END FROM base
  WHERE period_start >= DATE '2022-04-01'
UNION ALL
SELECT area, 'ltc_admissions_65plus', period_start, period_end, ltc65, p65,
       ltc65 / p65 * 100000 FROM base
UNION ALL
SELECT area, 'discharged_usual_residence', period_start, period_end, usual, knowndest,
       CASE WHEN knowndest > 0 THEN usual / knowndest * 100 END FROM base
  WHERE period_start >= DATE '2021-04-01'
"""


def run(folder: Path, first: date, last: date) -> pa.Table:
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    sql = QUERY.format(folder=folder, first=f"{first:%Y-%m-%d}", last=f"{last:%Y-%m-%d}")
    table = con.sql(sql).to_arrow_table()
    con.close()
    return table
