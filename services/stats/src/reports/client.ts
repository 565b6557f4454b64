// @smartchat/stats/reports: what a chat process needs of the reports — the records (list, one,
// a custom request), their files (downloads) and the queue that custom builds go on — without the
// builders (exceljs, pdfkit), which only the stats process loads.
export { customRange, localDay, monthRange, previousMonth, type ReportRange } from './report-range.js';
export { publicReport, ReportRecords, type ReportRecord } from './report-records.js';
export { ReportFiles, reportFileKey } from './report-files.js';
export { ReportQueue } from './report-queue.js';
