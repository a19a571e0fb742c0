/* report.h — the documents the office signs, assembled from the data through the use-case layer
 * and written by the document model (doc/doc.h) in the layout of GB/T 9704-2012, as PDF or Word;
 * the ledger also as an Excel workbook. Each document produced is one act with its audit entry
 * ("report.KIND", docs/documents.md). Called alike by `cyberduty report` and the API. */
#ifndef CD_REPORT_H
#define CD_REPORT_H

#include <stdint.h>

#include "doc/doc.h"
#include "svc/act.h"

enum report_doc {
	REPORT_ANNUAL,         /* 年度网络安全工作情况报告: the year's data, tables and a chart */
	REPORT_FEEDBACK,       /* 整改反馈单 of one notice */
	REPORT_RECOMMENDATION, /* 问责建议书 from an incident's accountability case */
	REPORT_DUTIES,         /* 责任清单: who holds which role in each unit, today */
	REPORT_LEDGER,         /* 台账: the systems of the register */
	REPORT_ASSESSMENT,     /* 考核结果: a unit's sheet of a year, or the year's ranking and sheets */
	REPORT_DOC__MAX
};

/* report_doc_parse: "annual", "feedback", "recommendation", "duties", "ledger", "assessment" →
 * the kind, else
 * -1; report_doc_code the reverse. */
int report_doc_parse(const char *s);
const char *report_doc_code(enum report_doc k);

enum report_format { REPORT_PDF, REPORT_DOCX, REPORT_XLSX, REPORT_FORMAT__MAX };

/* report_format_parse: "pdf", "docx", "xlsx" → the format, else -1; report_format_ext the
 * reverse, report_format_mime its media type. */
int report_format_parse(const char *s);
const char *report_format_ext(enum report_format f);
const char *report_format_mime(enum report_format f);

/* What to produce. */
struct report_in {
	enum report_doc kind;
	enum report_format format; /* xlsx only for the ledger and the assessment */
	const char *path;          /* the file to write (made or truncated) */
	int year;                  /* annual, assessment: the year reported (0: this year's) */
	const char *unit;          /* assessment: one unit's results (its code), NULL: all the
				    * units of the scope with their ranking */
	int64_t id;                /* feedback: the notice, recommendation: the incident, by id … */
	const char *code;          /* … or by its number when id is 0 */
	const char *docno;         /* 发文字号 (doc_docno_check), NULL: none */
	const char *to;            /* 主送机关, NULL: the kind's own */
	const struct asset_query *filter; /* ledger: which systems, as the asset list filters them
					   * (NULL: all); scope, sort and paging are the ledger's */
	const char *signer;        /* annual: 签发人 (a 上行文), NULL: the top unit's first
				    * responsible person in post (none: no 签发人) */
};

/* svc_report writes the document in->kind asks for at in->path, reading what it needs in the
 * caller's scope a page at a time (the annual report: the year's notices, incidents, records
 * and projects and the systems of the scope counted as they stream past), then appends its
 * audit entry (action "report.KIND", object "notice:ID", "incident:ID", "assessment:ID" (one
 * unit's results) or "report:KIND"; after: kind, format, year or code, unit, bytes). A refusal names the field (c->field): "format"
 * (xlsx for a document, a format not known), "docno", "year", "id", "unit" (not in scope, or
 * no sheet of that year) — a notice or incident
 * outside the scope is not found (CD_ENOTFOUND). On any failure the file is removed. Needs
 * c->pol. */
enum cd_err svc_report(struct act *c, const struct report_in *in);

/* svc_report_name: the file name a download is offered under — "年度网络安全工作情况报告-2026.pdf",
 * "整改反馈单-CODE.docx" … — into buf (n bytes). */
char *svc_report_name(const struct report_in *in, char *buf, size_t n);

#endif
