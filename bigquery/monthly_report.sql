-- Monthly figures of the complaint service from BigQuery, for a province or the ministry that
-- combines several offices' data (see README "BigQuery"). Same figures as the app's monthly report
-- (Laporan bulanan): received, completed, closed (with reasons), by complaint type, applicant
-- relation, kecamatan and kelurahan, and for each SOP step the share of cases within the time
-- standard with the median and 90th-percentile office minutes.
--
-- Source: the view `<TABLE_ID>_raw_latest` that the official "Stream Firestore to BigQuery"
-- extension (firebase/firestore-bigquery-export) keeps of the collection `caseRegister`
-- (extensions/firestore-bigquery-export.env: TABLE_ID=case_register). Each row's `data` column
-- is the Firestore document as JSON, written by the `recordRegister` trigger
-- (functions/src/domain/registers.ts, `RegisterRow`); it holds no identity.
--
-- Parameter: @month STRING, the office-local month 'YYYY-MM' (e.g. '2026-11').
-- Replace `PROJECT.DATASET` with BIGQUERY_PROJECT_ID.DATASET_ID of the extension's install.
-- Months are office-local (WITA, Asia/Makassar), as in the app: `month` is written by the app;
-- finishedAt and step times are instants (ISO UTC) converted here.
--
-- test/unit/bigquerySql.test.ts checks that every JSON path read below exists in a row the app
-- writes.

WITH rows AS (
  SELECT
    JSON_VALUE(data, '$.caseId') AS case_id,
    JSON_VALUE(data, '$.number') AS case_number,
    JSON_VALUE(data, '$.month') AS month_received,
    JSON_VALUE(data, '$.complaintType') AS complaint_type,
    JSON_VALUE(data, '$.relation') AS relation,
    JSON_VALUE(data, '$.kecamatan') AS kecamatan,
    JSON_VALUE(data, '$.kelurahan') AS kelurahan,
    JSON_VALUE(data, '$.state') AS state,
    JSON_VALUE(data, '$.outcome') AS outcome,
    JSON_VALUE(data, '$.closedReason') AS closed_reason,
    FORMAT_TIMESTAMP('%Y-%m', TIMESTAMP(JSON_VALUE(data, '$.finishedAt')), 'Asia/Makassar') AS month_finished,
    data
  FROM `PROJECT.DATASET.case_register_raw_latest`
),

-- One line per case and SOP step that ended (the last round of the step, as the register keeps it).
steps AS (
  SELECT case_id, 1 AS step,
    TIMESTAMP(JSON_VALUE(data, '$.steps.s1.at')) AS at,
    CAST(JSON_VALUE(data, '$.steps.s1.minutes') AS FLOAT64) AS minutes,
    JSON_VALUE(data, '$.steps.s1.withinStandard') = 'true' AS within_standard,
    JSON_VALUE(data, '$.steps.s1.ended') = 'true' AS ended,
    JSON_VALUE(data, '$.steps.s1.by') AS officer,
    JSON_VALUE(data, '$.steps.s1.byName') AS officer_name
  FROM rows
  UNION ALL
  SELECT case_id, 2,
    TIMESTAMP(JSON_VALUE(data, '$.steps.s2.at')),
    CAST(JSON_VALUE(data, '$.steps.s2.minutes') AS FLOAT64),
    JSON_VALUE(data, '$.steps.s2.withinStandard') = 'true',
    JSON_VALUE(data, '$.steps.s2.ended') = 'true',
    JSON_VALUE(data, '$.steps.s2.by'),
    JSON_VALUE(data, '$.steps.s2.byName')
  FROM rows
  UNION ALL
  SELECT case_id, 3,
    TIMESTAMP(JSON_VALUE(data, '$.steps.s3.at')),
    CAST(JSON_VALUE(data, '$.steps.s3.minutes') AS FLOAT64),
    JSON_VALUE(data, '$.steps.s3.withinStandard') = 'true',
    JSON_VALUE(data, '$.steps.s3.ended') = 'true',
    JSON_VALUE(data, '$.steps.s3.by'),
    JSON_VALUE(data, '$.steps.s3.byName')
  FROM rows
  UNION ALL
  SELECT case_id, 4,
    TIMESTAMP(JSON_VALUE(data, '$.steps.s4.at')),
    CAST(JSON_VALUE(data, '$.steps.s4.minutes') AS FLOAT64),
    JSON_VALUE(data, '$.steps.s4.withinStandard') = 'true',
    JSON_VALUE(data, '$.steps.s4.ended') = 'true',
    JSON_VALUE(data, '$.steps.s4.by'),
    JSON_VALUE(data, '$.steps.s4.byName')
  FROM rows
  UNION ALL
  SELECT case_id, 5,
    TIMESTAMP(JSON_VALUE(data, '$.steps.s5.at')),
    CAST(JSON_VALUE(data, '$.steps.s5.minutes') AS FLOAT64),
    JSON_VALUE(data, '$.steps.s5.withinStandard') = 'true',
    JSON_VALUE(data, '$.steps.s5.ended') = 'true',
    JSON_VALUE(data, '$.steps.s5.by'),
    JSON_VALUE(data, '$.steps.s5.byName')
  FROM rows
  UNION ALL
  SELECT case_id, 6,
    TIMESTAMP(JSON_VALUE(data, '$.steps.s6.at')),
    CAST(JSON_VALUE(data, '$.steps.s6.minutes') AS FLOAT64),
    JSON_VALUE(data, '$.steps.s6.withinStandard') = 'true',
    JSON_VALUE(data, '$.steps.s6.ended') = 'true',
    JSON_VALUE(data, '$.steps.s6.by'),
    JSON_VALUE(data, '$.steps.s6.byName')
  FROM rows
),

steps_in_month AS (
  SELECT * FROM steps
  WHERE at IS NOT NULL AND ended AND FORMAT_TIMESTAMP('%Y-%m', at, 'Asia/Makassar') = @month
)

-- One long table: figure, dimension, key, count (+ step columns for the time standards).
SELECT 'received' AS figure, 'total' AS dimension, '' AS key, COUNT(*) AS cases,
  NULL AS within_standard, NULL AS share_within, NULL AS median_minutes, NULL AS p90_minutes
FROM rows WHERE month_received = @month
UNION ALL
SELECT 'completed', 'total', '', COUNT(*), NULL, NULL, NULL, NULL
FROM rows WHERE outcome = 'completed' AND month_finished = @month
UNION ALL
SELECT 'closed', 'total', '', COUNT(*), NULL, NULL, NULL, NULL
FROM rows WHERE outcome = 'closed' AND month_finished = @month
UNION ALL
SELECT 'closed', 'reason', IFNULL(closed_reason, ''), COUNT(*), NULL, NULL, NULL, NULL
FROM rows WHERE outcome = 'closed' AND month_finished = @month GROUP BY closed_reason
UNION ALL
SELECT 'awaiting_documents', 'total', '', COUNT(*), NULL, NULL, NULL, NULL
FROM rows WHERE state = 'awaiting_documents' AND month_received <= @month
UNION ALL
SELECT 'received', 'complaintType', complaint_type, COUNT(*), NULL, NULL, NULL, NULL
FROM rows WHERE month_received = @month GROUP BY complaint_type
UNION ALL
SELECT 'received', 'relation', relation, COUNT(*), NULL, NULL, NULL, NULL
FROM rows WHERE month_received = @month GROUP BY relation
UNION ALL
SELECT 'received', 'kecamatan', kecamatan, COUNT(*), NULL, NULL, NULL, NULL
FROM rows WHERE month_received = @month GROUP BY kecamatan
UNION ALL
SELECT 'received', 'kelurahan', CONCAT(kecamatan, ' / ', kelurahan), COUNT(*), NULL, NULL, NULL, NULL
FROM rows WHERE month_received = @month GROUP BY kecamatan, kelurahan
UNION ALL
SELECT 'step', 'step', CAST(step AS STRING), COUNT(*),
  COUNTIF(within_standard),
  SAFE_DIVIDE(COUNTIF(within_standard), COUNT(*)),
  APPROX_QUANTILES(minutes, 100)[OFFSET(50)],
  APPROX_QUANTILES(minutes, 100)[OFFSET(90)]
FROM steps_in_month GROUP BY step
UNION ALL
SELECT 'step', 'officer', CONCAT(CAST(step AS STRING), ' / ', officer_name), COUNT(*),
  COUNTIF(within_standard),
  SAFE_DIVIDE(COUNTIF(within_standard), COUNT(*)),
  APPROX_QUANTILES(minutes, 100)[OFFSET(50)],
  APPROX_QUANTILES(minutes, 100)[OFFSET(90)]
FROM steps_in_month GROUP BY step, officer, officer_name
ORDER BY figure, dimension, key;
