/* cond.c — the condition language (see cond.h): a UTF-8 check, a lexer, a recursive-descent
 * parser that type-checks while it builds the tree in the caller's arena, and the Kleene
 * evaluator, which works on sets of facts held as 64-bit masks. */
#include "cond.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

_Static_assert(FACT__MAX <= 64, "fact sets are 64-bit masks");

#define NUM_MAX_DIGITS 15 /* exact in a double, so no rounding and no locale-bound strtod */
#define QUOTE_MAX      40 /* bytes of source text quoted in a message */

enum tok_kind {
	T_END,
	T_ERR, /* a lexical error; the parser reports it when it looks at the token */
	T_IDENT,
	T_NUM,
	T_STR,
	T_TRUE,
	T_FALSE,
	T_AND,
	T_OR,
	T_NOT,
	T_IN,
	T_LPAREN,
	T_RPAREN,
	T_LBRACK,
	T_RBRACK,
	T_COMMA,
	T_EQ,
	T_NE,
	T_LT,
	T_LE,
	T_GT,
	T_GE,
};

struct tok {
	enum tok_kind kind;
	size_t start, len; /* bytes of the source text */
	int col;           /* 1-based, in code points; for T_ERR where the error is */
	double num;        /* T_NUM */
	const char *str;   /* T_STR: the value, unescaped, NUL-terminated, in the arena */
};

enum node_kind {
	N_FACT,
	N_NUM,
	N_STR,
	N_BOOL,
	N_CMP, /* kid[0] op kid[1] */
	N_IN,  /* kid[0] in [kid[1], …, kid[nkid-1]], the list all literals */
	N_NOT, /* not kid[0] */
	N_AND, /* kid[0] and … and kid[nkid-1] */
	N_OR,
};

struct node {
	enum node_kind kind;
	enum fact_type type; /* of the value it gives */
	int col;
	size_t start, len; /* source text, for messages */
	int fact;          /* N_FACT */
	double num;        /* N_NUM */
	bool b;            /* N_BOOL */
	const char *str;   /* N_STR */
	enum tok_kind op;  /* N_CMP */
	const struct node **kid;
	size_t nkid, capkid;
};

struct cond {
	const struct node *root;
	int order[FACT__MAX]; /* the facts mentioned, in order of first appearance */
	size_t norder;
};

struct parser {
	const char *s;
	size_t len, pos; /* pos: next byte to read */
	int col;         /* column of pos */
	struct tok tok;  /* the lookahead */
	size_t prev_end; /* end of the token before the lookahead */
	enum cd_err lexrc;
	char lexmsg[256]; /* what a T_ERR lookahead is about */
	struct arena *a;
	struct cd_diag *d;
	int depth;
	uint64_t seen;
	int order[FACT__MAX];
	size_t norder;
};

#define NKEYWORDS 6
static const char *const keywords[NKEYWORDS] = {"and", "or", "not", "in", "true", "false"};
static const enum tok_kind keyword_kinds[NKEYWORDS] = {T_AND, T_OR, T_NOT, T_IN, T_TRUE, T_FALSE};

/* ---- messages ---- */

static enum cd_err fail(struct parser *p, int col, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static enum cd_err fail(struct parser *p, int col, const char *fmt, ...)
{
	char msg[sizeof(((struct cd_diag *)NULL)->msg)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), lang_tr(fmt), ap);
	va_end(ap);
	return cd_diag_set(p->d, CD_EINVAL, "column %d: %s", col, msg);
}

/* lexfail reports the error a T_ERR lookahead stands for. */
static enum cd_err lexfail(struct parser *p)
{
	if (p->lexrc == CD_ENOMEM)
		return cd_diag_set(p->d, CD_ENOMEM, "out of memory");
	return cd_diag_set(p->d, CD_EINVAL, "column %d: %s", p->tok.col, p->lexmsg);
}

/* quote copies the source bytes [start, start+len) into buf for a message: cut at a line end
 * or after QUOTE_MAX bytes (at a character boundary), with "…" when cut. */
static const char *quote(const struct parser *p, size_t start, size_t len, char *buf, size_t n)
{
	const char *s = p->s + start;
	size_t k = 0;
	bool cut = false;

	while (k < len && s[k] != '\n' && s[k] != '\r')
		k++;
	if (k < len)
		cut = true;
	if (k > QUOTE_MAX) {
		k = QUOTE_MAX;
		while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
			k--;
		cut = true;
	}
	snprintf(buf, n, "%.*s%s", (int)k, s, cut ? "…" : "");
	return buf;
}

/* tokdesc describes the lookahead for "found …" messages. */
static const char *tokdesc(const struct parser *p, char *buf, size_t n)
{
	char q[QUOTE_MAX + 8];

	if (p->tok.kind == T_END)
		snprintf(buf, n, "the end of the condition");
	else if (p->tok.kind == T_STR)
		snprintf(buf, n, "the string %s", quote(p, p->tok.start, p->tok.len, q, sizeof(q)));
	else
		snprintf(buf, n, "\"%s\"", quote(p, p->tok.start, p->tok.len, q, sizeof(q)));
	return buf;
}

static const char *opname(enum tok_kind k)
{
	switch (k) {
	case T_EQ:
		return "==";
	case T_NE:
		return "!=";
	case T_LT:
		return "<";
	case T_LE:
		return "<=";
	case T_GT:
		return ">";
	case T_GE:
		return ">=";
	case T_AND:
		return "and";
	case T_OR:
		return "or";
	case T_NOT:
		return "not";
	case T_IN:
		return "in";
	default:
		return "?";
	}
}

/* ---- UTF-8 ---- */

/* utf8_seq returns the length of the valid UTF-8 sequence at s[0..n), or 0 when it is not one
 * (overlong forms, surrogates and code points above U+10FFFF are not). A NUL byte is not. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	size_t k;
	unsigned char lo = 0x80, hi = 0xBF;

	if (c == 0)
		return 0;
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		k = 2;
	else if (c >= 0xE0 && c <= 0xEF)
		k = 3;
	else if (c >= 0xF0 && c <= 0xF4)
		k = 4;
	else
		return 0;
	if (c == 0xE0)
		lo = 0xA0;
	else if (c == 0xED)
		hi = 0x9F;
	else if (c == 0xF0)
		lo = 0x90;
	else if (c == 0xF4)
		hi = 0x8F;
	if (n < k || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < k; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	return k;
}

/* columns counts the code points that start in s[0..n). */
static int columns(const char *s, size_t n)
{
	int c = 0;

	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			c++;
	return c;
}

/* check_text refuses text that is too long, not UTF-8 or holds a NUL byte. */
static enum cd_err check_text(struct parser *p)
{
	const unsigned char *s = (const unsigned char *)p->s;
	size_t i = 0, k;

	if (p->len > COND_MAX_LEN)
		return fail(p, columns(p->s, COND_MAX_LEN) + 1,
			    "the condition is longer than %d bytes", COND_MAX_LEN);
	while (i < p->len) {
		k = utf8_seq(s + i, p->len - i);
		if (!k && s[i] == 0)
			return fail(p, columns(p->s, i) + 1, "NUL byte in the condition");
		if (!k)
			return fail(p, columns(p->s, i) + 1, "invalid UTF-8 (byte 0x%02X)", s[i]);
		i += k;
	}
	return CD_OK;
}

/* ---- lexer ---- */

static bool is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static bool is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int peek(const struct parser *p, size_t off)
{
	return p->pos + off < p->len ? (unsigned char)p->s[p->pos + off] : -1;
}

static void advance(struct parser *p, size_t n)
{
	p->col += columns(p->s + p->pos, n);
	p->pos += n;
}

static void lexerr(struct parser *p, int col, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void lexerr(struct parser *p, int col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(p->lexmsg, sizeof(p->lexmsg), lang_tr(fmt), ap);
	va_end(ap);
	p->tok.kind = T_ERR;
	p->tok.col = col;
	p->lexrc = CD_EINVAL;
}

/* char_at describes the character at byte i for "unexpected character" messages. */
static const char *char_at(const struct parser *p, size_t i, char *buf, size_t n)
{
	unsigned char c = (unsigned char)p->s[i];

	if (c < 0x20 || c == 0x7F)
		snprintf(buf, n, "control character U+%04X", c);
	else
		snprintf(buf, n, "character \"%.*s\"", (int)utf8_seq((const unsigned char *)p->s + i,
								      p->len - i),
			 p->s + i);
	return buf;
}

static void lex_ident(struct parser *p)
{
	size_t i = 1;

	while (p->pos + i < p->len) {
		int c = (unsigned char)p->s[p->pos + i];

		if (is_alpha(c) || is_digit(c))
			i++;
		else if (c == '.' && p->pos + i + 1 < p->len &&
			 is_alpha((unsigned char)p->s[p->pos + i + 1]))
			i += 2;
		else
			break;
	}
	p->tok.kind = T_IDENT;
	for (size_t k = 0; k < NKEYWORDS; k++)
		if (strlen(keywords[k]) == i && !memcmp(keywords[k], p->s + p->pos, i))
			p->tok.kind = keyword_kinds[k];
	advance(p, i);
}

static void lex_number(struct parser *p)
{
	static const double pow10[NUM_MAX_DIGITS + 1] = {
		1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
	uint64_t mant = 0;
	int digits = 0, frac = 0, c;
	char what[64];

	while (is_digit(peek(p, 0))) {
		if (++digits > NUM_MAX_DIGITS) {
			lexerr(p, p->tok.col, "a number has at most %d digits", NUM_MAX_DIGITS);
			return;
		}
		mant = mant * 10 + (uint64_t)(peek(p, 0) - '0');
		advance(p, 1);
	}
	if (peek(p, 0) == '.') {
		advance(p, 1);
		if (!is_digit(peek(p, 0))) {
			lexerr(p, p->col, "expected a digit after \".\" in a number");
			return;
		}
		while (is_digit(peek(p, 0))) {
			if (++digits > NUM_MAX_DIGITS) {
				lexerr(p, p->tok.col, "a number has at most %d digits",
				       NUM_MAX_DIGITS);
				return;
			}
			mant = mant * 10 + (uint64_t)(peek(p, 0) - '0');
			frac++;
			advance(p, 1);
		}
	}
	c = peek(p, 0);
	if (is_alpha(c) || c == '.' || c == '"') {
		lexerr(p, p->col, "unexpected %s right after a number",
		       char_at(p, p->pos, what, sizeof(what)));
		return;
	}
	p->tok.kind = T_NUM;
	p->tok.num = (double)mant / pow10[frac];
}

/* lex_string reads a double-quoted string with the escapes \" and \\; the value goes to the
 * arena. A string ends on the line it starts and holds no control characters. */
static void lex_string(struct parser *p)
{
	static const char unterminated[] =
		"unterminated string (a string ends with \" on the line it starts)";
	size_t i = p->pos + 1, n = 0;
	int col = p->col + 1;
	char *v, what[64];

	for (;;) {
		int c = i < p->len ? (unsigned char)p->s[i] : -1;

		if (c == -1 || c == '\n' || c == '\r') {
			lexerr(p, p->tok.col, "%s", unterminated);
			return;
		}
		if (c == '"')
			break;
		if (c < 0x20 || c == 0x7F) {
			lexerr(p, col, "%s in a string", char_at(p, i, what, sizeof(what)));
			return;
		}
		if (c == '\\') {
			int e = i + 1 < p->len ? (unsigned char)p->s[i + 1] : -1;

			if (e == -1 || e == '\n' || e == '\r') {
				lexerr(p, p->tok.col, "%s", unterminated);
				return;
			}
			if (e != '"' && e != '\\') {
				if (e > 0x20 && e < 0x7F)
					lexerr(p, col,
					       "unknown escape \"\\%c\" in a string (only \\\" and "
					       "\\\\ are escapes)",
					       e);
				else
					lexerr(p, col,
					       "\"\\\" must be followed by \" or \\ in a string");
				return;
			}
			i++;
			col++;
		}
		if (((unsigned char)p->s[i] & 0xC0) != 0x80)
			col++;
		i++;
		n++;
	}
	v = arena_alloc(p->a, n + 1);
	if (!v) {
		p->tok.kind = T_ERR;
		p->lexrc = CD_ENOMEM;
		return;
	}
	n = 0;
	for (size_t k = p->pos + 1; k < i; k++) {
		if (p->s[k] == '\\')
			k++;
		v[n++] = p->s[k];
	}
	v[n] = '\0';
	p->tok.kind = T_STR;
	p->tok.str = v;
	advance(p, i + 1 - p->pos);
}

/* Characters a Chinese input method types in place of ASCII punctuation. */
static const char *const lookalikes[][2] = {
	{"“", "straight quotes \"…\""}, {"”", "straight quotes \"…\""},
	{"‘", "straight quotes \"…\""}, {"’", "straight quotes \"…\""},
	{"（", "\"(\""}, {"）", "\")\""}, {"【", "\"[\""}, {"】", "\"]\""},
	{"，", "\",\""}, {"＝", "\"==\""}, {"＜", "\"<\""}, {"＞", "\">\""},
};

/* lex_op reads punctuation and operators; a few look-alikes from other languages get a hint. */
static void lex_op(struct parser *p)
{
	static const struct {
		const char *text;
		enum tok_kind kind;
		const char *hint; /* non-NULL: refused, with this hint */
	} ops[] = {
		{"==", T_EQ, NULL},  {"!=", T_NE, NULL},	 {"<=", T_LE, NULL},
		{">=", T_GE, NULL},  {"&&", T_ERR, "\"and\""}, {"||", T_ERR, "\"or\""},
		{"<", T_LT, NULL},   {">", T_GT, NULL},	 {"(", T_LPAREN, NULL},
		{")", T_RPAREN, NULL}, {"[", T_LBRACK, NULL}, {"]", T_RBRACK, NULL},
		{",", T_COMMA, NULL},  {"=", T_ERR, "\"==\" to compare"},
		{"!", T_ERR, "\"not\" or \"!=\""},
	};
	char what[64];

	for (size_t k = 0; k < sizeof(ops) / sizeof(ops[0]); k++) {
		size_t n = strlen(ops[k].text);

		if (p->len - p->pos < n || memcmp(p->s + p->pos, ops[k].text, n))
			continue;
		if (ops[k].hint) {
			lexerr(p, p->col, "unexpected \"%s\", write %s", ops[k].text,
			       ops[k].hint);
			return;
		}
		p->tok.kind = ops[k].kind;
		advance(p, n);
		return;
	}
	for (size_t k = 0; k < sizeof(lookalikes) / sizeof(lookalikes[0]); k++) {
		size_t n = strlen(lookalikes[k][0]);

		if (p->len - p->pos >= n && !memcmp(p->s + p->pos, lookalikes[k][0], n)) {
			lexerr(p, p->col, "unexpected character \"%s\", write %s",
			       lookalikes[k][0], lookalikes[k][1]);
			return;
		}
	}
	lexerr(p, p->col, "unexpected %s", char_at(p, p->pos, what, sizeof(what)));
}

/* lex reads the next token into p->tok. Errors become a T_ERR token (the lexer stops there). */
static void lex(struct parser *p)
{
	int c;

	if (p->tok.kind == T_ERR)
		return;
	p->prev_end = p->tok.start + p->tok.len;
	while (is_space(peek(p, 0)))
		advance(p, 1);
	memset(&p->tok, 0, sizeof(p->tok));
	p->tok.start = p->pos;
	p->tok.col = p->col;
	c = peek(p, 0);
	if (c == -1)
		p->tok.kind = T_END;
	else if (is_alpha(c))
		lex_ident(p);
	else if (is_digit(c))
		lex_number(p);
	else if (c == '"')
		lex_string(p);
	else
		lex_op(p);
	p->tok.len = p->pos - p->tok.start;
}

/* ---- parser ---- */

static const char *type_a(enum fact_type t)
{
	return t == FACT_BOOL ? "a bool" : t == FACT_NUMBER ? "a number" : "a string";
}

static enum cd_err mk(struct parser *p, enum node_kind kind, enum fact_type type, int col,
		      size_t start, struct node **out)
{
	struct node *n = arena_alloc(p->a, sizeof(*n));

	if (!n)
		return cd_diag_set(p->d, CD_ENOMEM, "out of memory");
	n->kind = kind;
	n->type = type;
	n->col = col;
	n->start = start;
	*out = n;
	return CD_OK;
}

static enum cd_err add_kid(struct parser *p, struct node *n, const struct node *k)
{
	const struct node **slot = arena_grow(p->a, &n->kid, &n->nkid, &n->capkid, sizeof(*slot));

	if (!slot)
		return cd_diag_set(p->d, CD_ENOMEM, "out of memory");
	*slot = k;
	return CD_OK;
}

/* finish sets the source span of n to end where the last token read ended. */
static void finish(struct parser *p, struct node *n)
{
	n->len = p->prev_end - n->start;
}

/* same_ignoring_case: the n bytes at s spell the lower-case word w in any case (ASCII). */
static bool same_ignoring_case(const char *w, const char *s, size_t n)
{
	if (strlen(w) != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (w[i] != s[i] && w[i] != s[i] + ('a' - 'A'))
			return false;
	return true;
}

static enum cd_err unknown_fact(struct parser *p)
{
	const char *s = p->s + p->tok.start;
	size_t n = p->tok.len;
	const char *hint;
	char q[QUOTE_MAX + 8];

	for (size_t k = 0; k < NKEYWORDS; k++)
		if (same_ignoring_case(keywords[k], s, n))
			return fail(p, p->tok.col,
				    "unknown fact \"%s\" (keywords are lower case: \"%s\")",
				    quote(p, p->tok.start, n, q, sizeof(q)), keywords[k]);
	hint = fact_suggest(s, n);
	if (hint)
		return fail(p, p->tok.col, "unknown fact \"%s\" (did you mean \"%s\"?)",
			    quote(p, p->tok.start, n, q, sizeof(q)), hint);
	return fail(p, p->tok.col, "unknown fact \"%s\"", quote(p, p->tok.start, n, q, sizeof(q)));
}

/* need_bool fails unless n gives a bool; who names the operator that needs one. */
static enum cd_err need_bool(struct parser *p, const struct node *n, const char *who)
{
	char q[QUOTE_MAX + 8];

	if (n->type == FACT_BOOL)
		return CD_OK;
	return fail(p, n->col, "%s needs true/false, but %s is %s", who,
		    quote(p, n->start, n->len, q, sizeof(q)), type_a(n->type));
}

/* vocab fails when a string literal is compared with a fact of a closed vocabulary that does
 * not have it. */
static enum cd_err vocab(struct parser *p, const struct node *f, const struct node *lit)
{
	char q[QUOTE_MAX + 8];

	if (f->kind != N_FACT || lit->kind != N_STR || !fact_values((enum fact)f->fact) ||
	    fact_value_ok((enum fact)f->fact, lit->str, strlen(lit->str)))
		return CD_OK;
	return fail(p, lit->col, "%s is not a value of %s (%s)",
		    quote(p, lit->start, lit->len, q, sizeof(q)), fact_name((enum fact)f->fact),
		    fact_values((enum fact)f->fact));
}

static enum cd_err parse_or(struct parser *p, const struct node **out);

static enum cd_err parse_primary(struct parser *p, const struct node **out)
{
	struct node *n = NULL;
	enum cd_err rc = CD_OK;
	int f, col = p->tok.col;
	char what[QUOTE_MAX + 32];

	switch (p->tok.kind) {
	case T_IDENT:
		f = fact_parse_n(p->s + p->tok.start, p->tok.len);
		if (f < 0)
			return unknown_fact(p);
		rc = mk(p, N_FACT, fact_type((enum fact)f), col, p->tok.start, &n);
		if (rc)
			return rc;
		n->fact = f;
		if (!(p->seen & ((uint64_t)1 << f))) {
			p->seen |= (uint64_t)1 << f;
			p->order[p->norder++] = f;
		}
		break;
	case T_NUM:
		rc = mk(p, N_NUM, FACT_NUMBER, col, p->tok.start, &n);
		if (!rc)
			n->num = p->tok.num;
		break;
	case T_STR:
		rc = mk(p, N_STR, FACT_STRING, col, p->tok.start, &n);
		if (!rc)
			n->str = p->tok.str;
		break;
	case T_TRUE:
	case T_FALSE:
		rc = mk(p, N_BOOL, FACT_BOOL, col, p->tok.start, &n);
		if (!rc)
			n->b = p->tok.kind == T_TRUE;
		break;
	case T_LPAREN:
		if (++p->depth > COND_MAX_DEPTH)
			return fail(p, col, "nested more than %d levels deep", COND_MAX_DEPTH);
		lex(p);
		rc = parse_or(p, out);
		if (rc)
			return rc;
		if (p->tok.kind == T_ERR)
			return lexfail(p);
		if (p->tok.kind != T_RPAREN)
			return fail(p, p->tok.col, "expected \")\"");
		p->depth--;
		lex(p);
		return CD_OK;
	case T_ERR:
		return lexfail(p);
	default:
		return fail(p, col, "expected a fact, a value, \"not\" or \"(\", found %s",
			    tokdesc(p, what, sizeof(what)));
	}
	if (rc)
		return rc;
	lex(p);
	finish(p, n);
	*out = n;
	return CD_OK;
}

static bool is_cmp(enum tok_kind k)
{
	return k == T_EQ || k == T_NE || k == T_LT || k == T_LE || k == T_GT || k == T_GE;
}

/* parse_list reads "[lit, lit, …]" after "in" into n's kids 1…, all of one type. */
static enum cd_err parse_list(struct parser *p, struct node *n)
{
	enum cd_err rc;
	char what[QUOTE_MAX + 32], q[QUOTE_MAX + 8];

	if (p->tok.kind == T_ERR)
		return lexfail(p);
	if (p->tok.kind != T_LBRACK)
		return fail(p, p->tok.col, "expected \"[\" after \"in\", found %s",
			    tokdesc(p, what, sizeof(what)));
	lex(p);
	if (p->tok.kind == T_RBRACK)
		return fail(p, p->tok.col, "empty list after \"in\"");
	for (;;) {
		const struct node *item;

		if (p->tok.kind != T_NUM && p->tok.kind != T_STR && p->tok.kind != T_TRUE &&
		    p->tok.kind != T_FALSE) {
			if (p->tok.kind == T_ERR)
				return lexfail(p);
			return fail(p, p->tok.col,
				    "expected a value (a number, a string, true or false) in the "
				    "list, found %s",
				    tokdesc(p, what, sizeof(what)));
		}
		rc = parse_primary(p, &item);
		if (!rc && n->nkid > 1 && item->type != n->kid[1]->type)
			rc = fail(p, item->col, "%s is %s, but the list holds %ss",
				  quote(p, item->start, item->len, q, sizeof(q)), type_a(item->type),
				  fact_type_name(n->kid[1]->type));
		if (!rc)
			rc = add_kid(p, n, item);
		if (rc)
			return rc;
		if (p->tok.kind == T_RBRACK)
			break;
		if (p->tok.kind == T_ERR)
			return lexfail(p);
		if (p->tok.kind != T_COMMA)
			return fail(p, p->tok.col, "expected \",\" or \"]\" in the list, found %s",
				    tokdesc(p, what, sizeof(what)));
		lex(p);
	}
	lex(p);
	return CD_OK;
}

static enum cd_err parse_cmp(struct parser *p, const struct node **out)
{
	const struct node *l, *r = NULL;
	struct node *n = NULL;
	enum tok_kind op;
	int opcol;
	enum cd_err rc = parse_primary(p, &l);
	char ql[QUOTE_MAX + 8], qr[QUOTE_MAX + 8];

	if (rc)
		return rc;
	op = p->tok.kind;
	opcol = p->tok.col;
	if (!is_cmp(op) && op != T_IN) {
		*out = l;
		return CD_OK;
	}
	rc = mk(p, op == T_IN ? N_IN : N_CMP, FACT_BOOL, l->col, l->start, &n);
	if (!rc)
		rc = add_kid(p, n, l);
	if (rc)
		return rc;
	n->op = op;
	lex(p);
	if (op == T_IN) {
		rc = parse_list(p, n);
		if (!rc && n->kid[1]->type != l->type)
			rc = fail(p, opcol, "cannot look for %s (%s) in a list of %ss",
				  quote(p, l->start, l->len, ql, sizeof(ql)), type_a(l->type),
				  fact_type_name(n->kid[1]->type));
		for (size_t i = 1; !rc && i < n->nkid; i++)
			rc = vocab(p, l, n->kid[i]);
	} else {
		rc = parse_primary(p, &r);
		if (!rc)
			rc = add_kid(p, n, r);
		if (!rc && op != T_EQ && op != T_NE) {
			for (size_t i = 0; !rc && i < 2; i++)
				if (n->kid[i]->type != FACT_NUMBER)
					rc = fail(p, n->kid[i]->col,
						  "\"%s\" compares numbers, but %s is %s",
						  opname(op),
						  quote(p, n->kid[i]->start, n->kid[i]->len, ql,
							sizeof(ql)),
						  type_a(n->kid[i]->type));
		} else if (!rc && l->type != r->type) {
			rc = fail(p, opcol, "cannot compare %s (%s) with %s (%s)",
				  quote(p, l->start, l->len, ql, sizeof(ql)), type_a(l->type),
				  quote(p, r->start, r->len, qr, sizeof(qr)), type_a(r->type));
		} else if (!rc) {
			rc = vocab(p, l, r);
			if (!rc)
				rc = vocab(p, r, l);
		}
	}
	if (rc)
		return rc;
	if (is_cmp(p->tok.kind) || p->tok.kind == T_IN)
		return fail(p, p->tok.col, "comparisons do not chain: join them with \"and\"");
	finish(p, n);
	*out = n;
	return CD_OK;
}

static enum cd_err parse_not(struct parser *p, const struct node **out)
{
	const struct node *k = NULL;
	struct node *n = NULL;
	int col = p->tok.col;
	size_t start = p->tok.start;
	enum cd_err rc;

	if (p->tok.kind != T_NOT)
		return parse_cmp(p, out);
	if (++p->depth > COND_MAX_DEPTH)
		return fail(p, col, "nested more than %d levels deep", COND_MAX_DEPTH);
	lex(p);
	rc = parse_not(p, &k);
	if (!rc)
		rc = need_bool(p, k, "\"not\"");
	if (!rc)
		rc = mk(p, N_NOT, FACT_BOOL, col, start, &n);
	if (!rc)
		rc = add_kid(p, n, k);
	if (rc)
		return rc;
	p->depth--;
	finish(p, n);
	*out = n;
	return CD_OK;
}

/* parse_chain reads operand (op operand)* for op "and" (operands: not-expressions) or "or"
 * (operands: and-chains) into one n-ary node. */
static enum cd_err parse_chain(struct parser *p, enum tok_kind op, const struct node **out)
{
	const struct node *k = NULL;
	struct node *n = NULL;
	char who[16];
	enum cd_err rc = op == T_OR ? parse_chain(p, T_AND, &k) : parse_not(p, &k);

	if (rc)
		return rc;
	if (p->tok.kind != op) {
		*out = k;
		return CD_OK;
	}
	snprintf(who, sizeof(who), "\"%s\"", opname(op));
	rc = need_bool(p, k, who);
	if (!rc)
		rc = mk(p, op == T_OR ? N_OR : N_AND, FACT_BOOL, k->col, k->start, &n);
	if (!rc)
		rc = add_kid(p, n, k);
	while (!rc && p->tok.kind == op) {
		lex(p);
		rc = op == T_OR ? parse_chain(p, T_AND, &k) : parse_not(p, &k);
		if (!rc)
			rc = need_bool(p, k, who);
		if (!rc)
			rc = add_kid(p, n, k);
	}
	if (rc)
		return rc;
	finish(p, n);
	*out = n;
	return CD_OK;
}

static enum cd_err parse_or(struct parser *p, const struct node **out)
{
	return parse_chain(p, T_OR, out);
}

enum cd_err cond_parse_n(const char *text, size_t len, struct arena *a, const struct cond **out,
			 struct cd_diag *d)
{
	struct parser p = {.s = text, .len = len, .col = 1, .a = a, .d = d};
	const struct node *root = NULL;
	struct cond *c;
	char what[QUOTE_MAX + 32], q[QUOTE_MAX + 8];
	enum cd_err rc = check_text(&p);

	if (rc)
		return rc;
	lex(&p);
	if (p.tok.kind == T_END)
		return fail(&p, 1, "empty condition");
	rc = parse_or(&p, &root);
	if (rc)
		return rc;
	if (p.tok.kind == T_ERR)
		return lexfail(&p);
	if (p.tok.kind == T_RPAREN)
		return fail(&p, p.tok.col, "unexpected \")\" without a matching \"(\"");
	if (p.tok.kind != T_END)
		return fail(&p, p.tok.col, "expected \"and\" or \"or\" before %s",
			    tokdesc(&p, what, sizeof(what)));
	if (root->type != FACT_BOOL)
		return fail(&p, root->col, "a condition must be true or false, but %s is %s",
			    quote(&p, root->start, root->len, q, sizeof(q)), type_a(root->type));
	c = arena_alloc(a, sizeof(*c));
	if (!c)
		return cd_diag_set(d, CD_ENOMEM, "out of memory");
	c->root = root;
	memcpy(c->order, p.order, sizeof(c->order));
	c->norder = p.norder;
	*out = c;
	return CD_OK;
}

enum cd_err cond_parse(const char *text, struct arena *a, const struct cond **out,
		       struct cd_diag *d)
{
	return cond_parse_n(text ? text : "", text ? strlen(text) : 0, a, out, d);
}

/* ---- evaluation ---- */

struct ev {
	enum cond_value v;
	uint64_t need, used;
};

/* A comparison operand: known or not, its value, and the facts behind it. */
struct opnd {
	bool known, b;
	double num;
	const char *str;
	uint64_t need, used;
};

static struct ev eval(const struct node *n, const struct facts *f);

static struct opnd operand(const struct node *n, const struct facts *f)
{
	struct opnd o = {0};
	struct ev e;
	const struct fact_value *v;

	switch (n->kind) {
	case N_FACT:
		v = &f->v[n->fact];
		if (!v->known) {
			o.need = (uint64_t)1 << n->fact;
			return o;
		}
		o.known = true;
		o.used = (uint64_t)1 << n->fact;
		o.b = v->b;
		o.num = v->num;
		o.str = v->str;
		return o;
	case N_NUM:
		o.known = true;
		o.num = n->num;
		return o;
	case N_STR:
		o.known = true;
		o.str = n->str;
		return o;
	case N_BOOL:
		o.known = true;
		o.b = n->b;
		return o;
	default:
		e = eval(n, f);
		o.known = e.v != COND_NEEDS_JUDGEMENT;
		o.b = e.v == COND_TRUE;
		o.need = e.need;
		o.used = e.used;
		return o;
	}
}

static bool equal(enum fact_type t, const struct opnd *l, const struct opnd *r)
{
	if (t == FACT_NUMBER)
		return l->num == r->num;
	if (t == FACT_STRING)
		return !strcmp(l->str, r->str);
	return l->b == r->b;
}

static bool compare(enum tok_kind op, enum fact_type t, const struct opnd *l, const struct opnd *r)
{
	switch (op) {
	case T_EQ:
		return equal(t, l, r);
	case T_NE:
		return !equal(t, l, r);
	case T_LT:
		return l->num < r->num;
	case T_LE:
		return l->num <= r->num;
	case T_GT:
		return l->num > r->num;
	case T_GE:
		return l->num >= r->num;
	default:
		return false;
	}
}

static struct ev value(bool b, uint64_t used)
{
	return (struct ev){b ? COND_TRUE : COND_FALSE, 0, used};
}

/* eval_chain: Kleene and / or. dom is the value that decides the chain (FALSE for and, TRUE
 * for or): one operand of that value decides it, resting on the operands that have it. */
static struct ev eval_chain(const struct node *n, const struct facts *f, enum cond_value dom)
{
	uint64_t dom_used = 0, other_used = 0, open_need = 0, open_used = 0;
	bool decided = false, open = false;

	for (size_t i = 0; i < n->nkid; i++) {
		struct ev e = eval(n->kid[i], f);

		if (e.v == dom) {
			decided = true;
			dom_used |= e.used;
		} else if (e.v == COND_NEEDS_JUDGEMENT) {
			open = true;
			open_need |= e.need;
			open_used |= e.used;
		} else {
			other_used |= e.used;
		}
	}
	if (decided)
		return (struct ev){dom, 0, dom_used};
	if (open)
		return (struct ev){COND_NEEDS_JUDGEMENT, open_need, open_used | other_used};
	return (struct ev){dom == COND_TRUE ? COND_FALSE : COND_TRUE, 0, other_used};
}

static struct ev eval(const struct node *n, const struct facts *f)
{
	struct opnd l, r;
	struct ev e;

	switch (n->kind) {
	case N_FACT:
	case N_BOOL:
		l = operand(n, f);
		if (!l.known)
			return (struct ev){COND_NEEDS_JUDGEMENT, l.need, l.used};
		return value(l.b, l.used);
	case N_CMP:
		l = operand(n->kid[0], f);
		r = operand(n->kid[1], f);
		if (!l.known || !r.known)
			return (struct ev){COND_NEEDS_JUDGEMENT, l.need | r.need, l.used | r.used};
		return value(compare(n->op, n->kid[0]->type, &l, &r), l.used | r.used);
	case N_IN:
		l = operand(n->kid[0], f);
		if (!l.known)
			return (struct ev){COND_NEEDS_JUDGEMENT, l.need, l.used};
		for (size_t i = 1; i < n->nkid; i++) {
			r = operand(n->kid[i], f);
			if (equal(n->kid[0]->type, &l, &r))
				return value(true, l.used);
		}
		return value(false, l.used);
	case N_NOT:
		e = eval(n->kid[0], f);
		if (e.v != COND_NEEDS_JUDGEMENT)
			e.v = e.v == COND_TRUE ? COND_FALSE : COND_TRUE;
		return e;
	case N_AND:
		return eval_chain(n, f, COND_FALSE);
	case N_OR:
		return eval_chain(n, f, COND_TRUE);
	default: /* N_NUM, N_STR: the parser lets no such node be evaluated as a condition */
		return (struct ev){COND_NEEDS_JUDGEMENT, 0, 0};
	}
}

enum cond_value cond_eval(const struct cond *c, const struct facts *f, struct cond_result *out)
{
	struct ev e = eval(c->root, f);

	memset(out, 0, sizeof(*out));
	out->value = e.v;
	for (size_t i = 0; i < c->norder; i++) {
		uint64_t bit = (uint64_t)1 << c->order[i];

		if (e.need & bit)
			out->need[out->nneed++] = c->order[i];
		if (e.used & bit)
			out->used[out->nused++] = c->order[i];
	}
	return e.v;
}

size_t cond_facts(const struct cond *c, int out[FACT__MAX])
{
	memcpy(out, c->order, c->norder * sizeof(out[0]));
	return c->norder;
}

/* ---- profiles ---- */

enum cd_err cond_parse_profile(const struct profile *p, struct arena *a,
			       const struct cond ***out, struct cd_diag *d)
{
	const struct cond **v = arena_alloc(a, (p->ntriggers ? p->ntriggers : 1) * sizeof(*v));
	char where[256];

	if (!v)
		return cd_diag_set(d, CD_ENOMEM, "out of memory");
	for (size_t i = 0; i < p->ntriggers; i++) {
		const struct profile_trigger *t = &p->triggers[i];
		enum cd_err rc = cond_parse(t->condition, a, &v[i], d);

		if (rc) {
			snprintf(where, sizeof(where), "%s:%d: trigger %s", p->file ? p->file : "-",
				 t->line, t->id ? t->id : "?");
			cd_diag_prefix(d, where);
			return rc;
		}
	}
	*out = v;
	return CD_OK;
}

enum cd_err cond_check_profile(const struct profile *p, struct arena *a, struct cd_diag *d)
{
	const struct cond **v;

	return cond_parse_profile(p, a, &v, d);
}

static const char *const values[COND__MAX][2] = {
	[COND_FALSE] = {"false", "不成立"},
	[COND_TRUE] = {"true", "成立"},
	[COND_NEEDS_JUDGEMENT] = {"needs_judgement", "需人工判断"},
};

const char *cond_value_code(enum cond_value v)
{
	return (int)v >= 0 && v < COND__MAX ? values[v][0] : "?";
}

const char *cond_value_label(enum cond_value v)
{
	return (int)v >= 0 && v < COND__MAX ? values[v][1] : "?";
}
