/** Default limits of the readers, in one place so callers can show them ("files up to 100 MB"). */

/** Text files (CSV/TSV) and pastes: bytes counted as they stream. */
export const defaultMaxTextBytes = 100 * 1024 * 1024;
/** XLSX workbooks: compressed size; the workbook is held in memory while its rows stream. */
export const defaultMaxXlsxBytes = 50 * 1024 * 1024;
/** Data rows after the header (blank and total rows not counted). */
export const defaultMaxRows = 1_000_000;
/** More columns than any business table has; beyond it a sheet is a bomb or not a table. */
export const maxXlsxColumns = 500;
