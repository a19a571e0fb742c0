/* test_evidence.c — the pieces of evidence files that need no server: a file out of a
 * multipart/form-data body (good forms as browsers and curl write them, and broken ones refused
 * without reading past the body), the type of a file judged by its bytes (io/sniff.h) and the
 * allowed list (svc/evidence.h). */
#include "testutil.h"

#include "io/multipart.h"
#include "io/sniff.h"
#include "svc/evidence.h"

#define CT "multipart/form-data; boundary=XyZ"

static void multipart_good(void **state)
{
	static const struct {
		const char *ct, *body, *filename, *data;
	} cases[] = {
		/* curl -F file=@a.pdf */
		{CT, "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n"
		     "Content-Type: application/pdf\r\n\r\n%PDF-1.4\r\n--XyZ--\r\n",
		 "a.pdf", "%PDF-1.4"},
		/* a Chinese name as browsers send it (raw UTF-8), another field before */
		{CT, "--XyZ\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhi\r\n"
		     "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; "
		     "filename=\"整改报告.pdf\"\r\n\r\nbytes\r\n--XyZ--",
		 "整改报告.pdf", "bytes"},
		/* RFC 5987 filename* wins; a quoted boundary; a preamble; data holding CRLF and
		 * a near-boundary */
		{"multipart/form-data; boundary=\"XyZ\"",
		 "preamble\r\n--XyZ\r\ncontent-disposition: form-data; name=file; filename=\"x\"; "
		 "filename*=UTF-8''%E6%8A%A5.txt\r\n\r\na\r\n--XyQ\r\nb\r\n--XyZ--\r\n",
		 "报.txt", "a\r\n--XyQ\r\nb"},
		/* an empty file; a name with an escaped quote */
		{CT, "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\\\"b\"\r\n"
		     "\r\n\r\n--XyZ--",
		 "a\"b", ""},
		/* no file name at all */
		{CT, "--XyZ\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nz\r\n--XyZ--",
		 "", "z"},
	};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct multipart_file f;
		struct cd_diag d = {{0}};

		if (multipart_find(cases[i].ct, cases[i].body, strlen(cases[i].body), "file", &f,
				   &d) != CD_OK)
			fail_msg("case %zu: %s", i, d.msg);
		assert_string_equal(f.filename, cases[i].filename);
		assert_int_equal(f.len, strlen(cases[i].data));
		assert_memory_equal(f.data, cases[i].data, f.len);
	}
}

static void multipart_bad(void **state)
{
	static const struct {
		const char *ct, *body, *says;
	} cases[] = {
		{"multipart/form-data", "--XyZ\r\n", "no boundary"},
		{"application/json; boundary=XyZ", "--XyZ\r\n", "no boundary"},
		{CT, "no delimiter here", "not framed"},
		{CT, "--XyZ\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nunterminated",
		 "does not end"},
		{CT, "--XyZ\r\nContent-Disposition: form-data; name=\"file\"", "headers do not end"},
		{CT, "--XyZ\r\nContent-Type: text/plain\r\n\r\nx\r\n--XyZ--", "Content-Disposition"},
		{CT, "--XyZ\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nx\r\n--XyZ--",
		 "no field \"file\""},
		{CT, "--XyZ\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nx\r\n--XyZ\r\n"
		     "Content-Disposition: form-data; name=\"file\"\r\n\r\ny\r\n--XyZ--",
		 "twice"},
		{CT, "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"open\r\n\r\n"
		     "x\r\n--XyZ--",
		 "malformed"},
		{CT, "--XyZ", "line break"},
		{CT, "--XyZx", "line break"},
	};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct multipart_file f;
		struct cd_diag d = {{0}};
		size_t n = strlen(cases[i].body);
		char *copy = malloc(n ? n : 1); /* exactly the body: ASan sees a read past it */

		memcpy(copy, cases[i].body, n);
		assert_int_equal(multipart_find(cases[i].ct, copy, n, "file", &f, &d), CD_EINVAL);
		if (!strstr(d.msg, cases[i].says))
			fail_msg("case %zu: \"%s\" does not say \"%s\"", i, d.msg, cases[i].says);
		free(copy);
	}
}

/* every prefix of a good body is refused or read within it */
static void multipart_prefixes(void **state)
{
	const char *body = "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; "
			   "filename*=UTF-8''%E6%8A%A5\r\n\r\nabc\r\n--XyZ--\r\n";
	size_t n = strlen(body);

	(void)state;
	for (size_t k = 0; k <= n; k++) {
		struct multipart_file f;
		char *copy = malloc(k ? k : 1);

		memcpy(copy, body, k);
		if (multipart_find(CT, copy, k, "file", &f, NULL) == CD_OK)
			assert_true(f.data >= copy && f.data + f.len <= copy + k);
		free(copy);
	}
}

#define TEXT(s) s, sizeof s - 1

static void sniffed(void **state)
{
	static const unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0,
					    13,   'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1,
					    8,    2,   0,   0,   0,   0x90, 0x77, 0x53, 0xde};
	static const char pdf[] = "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<<>>\n%%EOF\n";
	/* a ZIP package whose one member is OFD.xml (Python's zipfile wrote it) */
	static const char ofd[] = "\x50\x4b\x03\x04\x14\x00\x00\x00\x00\x00\x00\x00\x21\x5c\x17\x69"
				  "\x31\x1e\x0a\x00\x00\x00\x0a\x00\x00\x00\x07\x00\x00\x00\x4f\x46"
				  "\x44\x2e\x78\x6d\x6c\x3c\x6f\x66\x64\x3a\x4f\x46\x44\x2f\x3e\x50"
				  "\x4b\x01\x02\x14\x03\x14\x00\x00\x00\x00\x00\x00\x00\x21\x5c\x17"
				  "\x69\x31\x1e\x0a\x00\x00\x00\x0a\x00\x00\x00\x07\x00\x00\x00\x00"
				  "\x00\x00\x00\x00\x00\x00\x00\x80\x01\x00\x00\x00\x00\x4f\x46\x44"
				  "\x2e\x78\x6d\x6c\x50\x4b\x05\x06\x00\x00\x00\x00\x01\x00\x01\x00"
				  "\x35\x00\x00\x00\x2f\x00\x00\x00\x00\x00";
	static const struct {
		const void *bytes;
		size_t len;
		const char *type;
		bool allowed;
	} cases[] = {
		{pdf, sizeof pdf - 1, "application/pdf", true},
		{png, sizeof png, "image/png", true},
		{ofd, sizeof ofd - 1, "application/ofd", true},
		{TEXT("会议纪要\n今天开会。\n"), "text/plain", true},
		{TEXT("单位,人数\n学院,3\n教务处,4\n"), "text/csv", true},
		{TEXT("<html><body><script>alert(1)</script></body></html>"), "text/html", false},
		{TEXT("<html><script>alert(1)</script></html>"), "text/html", false},
		{TEXT("\xef\xbb\xbf\n <svg onload=alert(1)>"), "text/html", false},
		{TEXT("说明：a<b 且 b>c，见<附件一>\n"), "text/plain", true},
		{TEXT("#!/bin/sh\necho hi\n"), "text/x-shellscript", false},
		{TEXT("<?php system($_GET['c']); ?>\n"), "text/x-php", false},
	};
	char type[SNIFF_TYPE_MAX];
	struct cd_diag d = {{0}};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		assert_int_equal(sniff_type(cases[i].bytes, cases[i].len, type, &d), CD_OK);
		if (strcmp(type, cases[i].type))
			fail_msg("case %zu: %s, want %s", i, type, cases[i].type);
		assert_int_equal(evidence_type_allowed(type, NULL), cases[i].allowed);
	}
	/* an executable renamed to .pdf is an executable: its bytes say so */
	{
		FILE *f = fopen("/bin/true", "rb");
		static char elf[1 << 16];
		size_t n;

		assert_non_null(f);
		n = fread(elf, 1, sizeof elf, f);
		fclose(f);
		assert_int_equal(sniff_type(elf, n, type, &d), CD_OK);
		assert_false(evidence_type_allowed(type, NULL));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(multipart_good),
		cmocka_unit_test(multipart_bad),
		cmocka_unit_test(multipart_prefixes),
		cmocka_unit_test(sniffed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
