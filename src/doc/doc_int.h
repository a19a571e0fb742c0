/* doc_int.h — what the document model (doc.c) shares with its renderers (doc_pdf.c, doc_docx.c,
 * doc_chart.c) and nobody else: the page geometry and type sizes of GB/T 9704-2012, the faces
 * that stand in for the official ones, and the renderer's operations. */
#ifndef CD_DOC_INT_H
#define CD_DOC_INT_H

#include <cairo.h>

#include "doc/doc.h"

/* The page of GB/T 9704-2012 《党政机关公文格式》 §5.2.1, §5.2.2, §7.5 (facts and sources:
 * shared/reference/assessment-documents-robots-databases.md §2): A4, 天头 (top margin) 37 mm,
 * 订口 (binding, left) 28 mm, 版心 (text block) 156 × 225 mm, so 26 mm right and 35 mm bottom;
 * 22 lines of 28 characters; body 3号 (16 pt), title 2号 (22 pt), page numbers 4号 (14 pt) with a
 * 一字线 either side 7 mm below the text block, right on odd pages and left on even, one
 * character in. Type sizes: 2号 = 22 pt, 3号 = 16 pt, 4号 = 14 pt, 小四 = 12 pt, 五号 = 10.5 pt
 * (the Chinese type-size scale). */
#define DOC_MM(mm)         ((mm) * 72.0 / 25.4)
#define DOC_PAGE_W         DOC_MM(210.0)
#define DOC_PAGE_H         DOC_MM(297.0)
#define DOC_TOP            DOC_MM(37.0)
#define DOC_LEFT           DOC_MM(28.0)
#define DOC_BLOCK_W        DOC_MM(156.0)
#define DOC_BLOCK_H        DOC_MM(225.0)
#define DOC_LINES          22
#define DOC_CHARS          28
#define DOC_PITCH          (DOC_BLOCK_H / DOC_LINES)  /* ≈ 28.99 pt a line */
#define DOC_CHAR_W         (DOC_BLOCK_W / DOC_CHARS)  /* ≈ 15.79 pt a character */
#define DOC_PT_TITLE       22.0
#define DOC_PT_BODY        16.0
#define DOC_PT_PAGENO      14.0
#define DOC_PT_TABLE       12.0
#define DOC_PT_TABLE_SMALL 10.5
#define DOC_PAGENO_BELOW   DOC_MM(7.0)
/* The head (版头), GB/T 9704-2012 §7.2.4–7.2.7: the 发文机关标志's top 35 mm below the block's
 * top; the 发文字号 two blank lines below it (§7.2.5); a 上行文's 签发人 on the same line (§7.2.6:
 * "编排在发文机关标志下空二行位置", the number flush left one character in "与最后一个签发人姓名
 * 处在同一行"); the red rule 4 mm below the number (§7.2.7). So a 上行文's mark, number and rule
 * stand where a 下行文's do: the 2012 text gives 35 mm with no exception for documents sent up —
 * the 80 mm of 上报的公文 was the 1999 edition's (GB/T 9704-1999), dropped in 2012 — and with one
 * 签发人 the number's line is the same line. Sources: shared/reference/ §2; the §7.2.4 text as
 * quoted in 《公文写作》 "二七、怎样理解公文版头部分拟制规范" (m.zhangyue.com/readbook/13180850/30.html:
 * "发文机关标志居中排布，上边缘至版心上边缘为35mm"); §7.2.6 as quoted at
 * sybzp.cn/gwxz/5739.html ("最后一个签发人姓名应与发文字号处在同一行并距红色分隔线4mm"). */
#define DOC_MARK_BELOW     DOC_MM(35.0) /* §7.2.4: the 发文机关标志's top below the block's top */
#define DOC_RULE_BELOW     DOC_MM(4.0)  /* §7.2.7: the red rule 4 mm below the number */

/* The official faces and the free ones from Debian packages that stand in for them in PDF
 * (scripts/deps installs them; the PDF's metadata names the pairs). Founder's 方正小标宋 and
 * 仿宋_GB2312 are proprietary. Word documents name the faces an office's Windows has. */
enum doc_face { FACE_FANG, FACE_KAI, FACE_HEI, FACE_TITLE, FACE_SONG, FACE__MAX };
struct doc_face_map {
	const char *official; /* the face GB/T 9704-2012 asks for */
	const char *word;     /* the face a .docx names (an office's Windows has it) */
	const char *pdf;      /* the pango family + style of the stand-in */
	const char *package;  /* the Debian package that ships it */
};
extern const struct doc_face_map doc_faces[FACE__MAX];

/* The directory of the Fandol faces (texlive-lang-chinese), which fontconfig is not told of. */
#define DOC_FANDOL_DIR "/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol"

/* doc_fonts_note: "仿宋→FandolFang (texlive-lang-chinese); …", what the metadata says. */
const char *doc_fonts_note(void);

/* A renderer. Each operation records a failure in x (doc_fail) and returns nothing. */
struct doc_ops {
	void (*heading)(struct doc *x, int level, const char *text); /* text numbered already */
	void (*para)(struct doc *x, const char *text);
	void (*table_begin)(struct doc *x, const char *caption, const struct doc_col *cols,
			    size_t ncols, bool small);
	void (*table_row)(struct doc *x, const char *const *cells);
	void (*table_end)(struct doc *x);
	void (*chart)(struct doc *x, const char *caption, const char *unit,
		      const char *const *labels, const double *values, size_t n);
	void (*sign)(struct doc *x, const char *signer, const char *date);
	void (*finish)(struct doc *x);  /* write what is left (x->err may be set after) */
	void (*release)(struct doc *x); /* free the renderer's state (always called once) */
};

struct doc {
	const struct doc_ops *ops;
	enum doc_format format;
	char *path;
	struct {
		char *title, *mark, *docno, *addressee, *signer, *subject, *author;
		char *plain_title; /* title as given; title itself is broken into even lines */
	} h;                    /* doc_head's strings, copied */
	enum cd_err err;        /* the first failure */
	struct cd_diag d;
	int count[4];           /* headings counted at each level */
	bool in_table;
	size_t ncols;
	void *r;                /* the renderer's state */
};

/* doc_fail records the first failure (later ones are dropped). */
void doc_fail(struct doc *x, enum cd_err err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The renderers' constructors: set x->ops and x->r, write the head; a failure in x. */
void doc_pdf_start(struct doc *x);
void doc_docx_start(struct doc *x);

/* doc_chart_draw draws the bar chart into the w × h box of cr at (0,0): axis, bars, values,
 * labels (Noto Sans CJK SC). The same drawing is the PDF's vectors and the .docx's picture. */
void doc_chart_draw(cairo_t *cr, double w, double h, const char *unit, const char *const *labels,
		    const double *values, size_t n);

/* doc_fonts_init tells fontconfig of the Fandol faces once per process (thread-safe). */
void doc_fonts_init(void);

#endif
