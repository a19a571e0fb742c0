/* demo.c — the demonstration organisations of `cyberduty demo` (see demo.h). Each shape is a
 * set of static tables (units, leaders, assets, duties); the staff of each unit and all
 * names are generated from a fixed-seed PRNG, so one profile and one day give one register. */
#include "demo/demo.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/reg.h"
#include "demo_int.h"
#include "svc/register.h"

/* ---- Table vocabulary ------------------------------------------------------------------ */

/* A day counted back from today: a calendar day some years back, or some days back. */
enum when_kind { W_NONE, W_YMD, W_AGO };

struct when {
	unsigned char kind;
	short a, b, c; /* W_YMD: years back, month, day; W_AGO: days back */
};

/* Hand-aligned tables: clang-format counts a CJK character as one column. */
/* clang-format off */
#define NODATE         { W_NONE, 0, 0, 0 }
#define YMD(yb, m, dd) { W_YMD, (yb), (m), (dd) }
#define AGO(n)         { W_AGO, (n), 0, 0 }
/* clang-format on */

/* What happened to a unit's generated staff. Everything but STAFF_HANDOVER is a gap. */
enum {
	STAFF_HANDOVER = 1u << 0,     /* the head changed cleanly two years ago (history) */
	STAFF_OVERLAP = 1u << 1,      /* new head recorded before the old one's end: overlap */
	STAFF_HEAD_LEFT = 1u << 2,    /* the head left 40 days ago, nobody succeeded */
	STAFF_DEPUTY_LEFT = 1u << 3,  /* the deputy left 60 days ago, nobody succeeded */
	STAFF_OFFICER_LEFT = 1u << 4, /* the security officer left 90 days ago */
};

struct unit_row {
	const char *code, *name, *parent; /* parent: code of an earlier row; NULL = a root */
	enum unit_kind kind;
	const char *head, *deputy, *officer; /* titles of the generated staff; NULL = no post */
	unsigned staff;                      /* STAFF_* */
	const char *site; /* host of the unit's own website (generated level-1 portal) */
};

/* A named person of the tables (leaders, administrators); key is local to the demo. */
struct person_row {
	const char *key, *unit, *title;
};

/* A duty of the tables. person is a person_row key or "UNIT/head", "UNIT/deputy",
 * "UNIT/officer" for generated staff; exactly one of unit and asset is set. */
struct duty_row {
	enum role role;
	const char *person, *unit, *asset;
	struct when from, to;
	const char *note;
};

enum {
	F_CII = 1u << 0,  /* critical information infrastructure */
	F_NET = 1u << 1,  /* internet-facing */
	F_PI = 1u << 2,   /* holds personal information */
	F_PROT = 1u << 3, /* protection (anti-tamper, WAF) installed */
	F_PREF = 1u << 4, /* a government portal at prefecture level or above */
	/* qualifiers recorded in the register (docs/incidents.md "Qualifiers"); the others derived */
	F_IMPORTANT = 1u << 5,    /* recorded: an important system (重要系统) */
	F_NOT_KEY_NEWS = 1u << 6, /* recorded: not a key news site (重点新闻网站) */
	F_NOT_LARGE = 1u << 7,    /* recorded: not a large platform (大型网络平台) */
};

struct demo_asset {
	const char *code, *name;
	enum asset_kind kind;
	const char *url;
	const char *rel[REL__MAX]; /* builder, user, manager, operator: unit codes or NULL */
	const char *maintainer;
	int level;
	struct when graded, filed, assessed;
	enum assess_result result;
	unsigned flags; /* F_* */
	enum asset_status status;
};

struct org {
	const char *person_prefix; /* person codes: prefix + 4 digits */
	const char *phone_prefix;  /* phone numbers: prefix + 4 digits */
	const char *mail_domain;
	const char *filing_prefix; /* MLPS filing numbers: prefix-LNNNN */
	const char *site_operator; /* unit that runs the generated unit websites */
	enum role head_role, deputy_role;
	uint32_t seed;
	unsigned mongolian_percent; /* share of Mongolian names */
	const struct unit_row *units;
	size_t nunits;
	const struct person_row *people;
	size_t npeople;
	const struct demo_asset *assets;
	size_t nassets;
	const struct duty_row *duties;
	size_t nduties;
	const char *login_unit; /* the department whose officer and unit leader sign in to the demo
				 * (it has systems, notices and incidents) */
};

#define TABLE(t) (t), sizeof(t) / sizeof((t)[0])

/* Hand-aligned tables: clang-format counts a CJK character as one column. */
/* clang-format off */

/* ---- Names --------------------------------------------------------------------------- */

static const char *const surnames[] = {
	"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱",
	"高", "林", "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于",
	"董", "程", "曹", "袁", "邓", "许", "沈", "曾", "彭", "吕", "苏", "卢", "蒋", "蔡",
	"贾", "丁", "魏", "薛", "叶", "阎", "潘", "杜", "戴", "夏", "田", "任", "姜", "范",
	"方", "石", "姚", "郝", "孔", "白", "崔", "康", "孟", "段", "尹", "常", "武", "乔",
};

static const char *const given_names[] = {
	"建国", "志强", "海燕", "丽娟", "晓东", "文静", "俊",   "磊",   "敏",   "伟",
	"红梅", "永刚", "春燕", "雪峰", "慧",   "军",   "宏伟", "淑珍", "立新", "秀英",
	"国庆", "婷",   "鹏",   "芳",   "志刚", "丽",   "凯",   "静",   "宇",   "丹",
	"建华", "玉兰", "明",   "亮",   "桂英", "晓燕", "学军", "艳",   "勇",   "涛",
	"超",   "霞",   "刚",   "平",   "辉",   "健",   "娜",   "杰",   "斌",   "瑞",
	"晨",   "琳",   "欣怡", "浩然", "思远", "佳琪", "雅婷", "振华", "卫东", "利民",
	"爱华", "国华", "春梅", "秀兰", "永红", "少华", "金凤", "博",   "帅",   "楠",
	"阳",   "波",   "倩",   "翔",   "宁",   "鑫",   "洁",   "颖",   "峰",   "晓明",
};

static const char *const mongolian_names[] = {
	"巴特尔",     "乌云其木格", "额尔敦巴雅尔", "斯琴高娃", "那仁格日勒", "苏和",
	"阿拉腾巴根", "萨仁图雅",   "宝音德力格尔", "其其格",   "朝格图",     "哈斯",
	"敖登",       "图门吉日嘎拉", "白音",       "乌兰",     "其木格",     "巴雅尔",
	"青格勒",     "孟和",       "娜仁",         "阿木尔",   "达来",       "满都拉",
	"宝力高",     "包金山",     "白银花",       "特木尔",
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* ---- 内蒙古师范大学 (imnu-2022) --------------------------------------------------------- */

#define COLLEGE(code, name, head, officer, staff, site)                                     \
	{ code, name, "IMNU", UNIT_DEPARTMENT, head, "副院长", officer, staff, site }
#define IMNU_DEPT(code, name, head, deputy, officer, staff)                                 \
	{ code, name, "IMNU", UNIT_DEPARTMENT, head, deputy, officer, staff, NULL }

static const struct unit_row imnu_units[] = {
	{ "IMNU", "中共内蒙古师范大学委员会", NULL, UNIT_PARTY_COMMITTEE, NULL, NULL, NULL, 0,
	  NULL },
	{ "WXW", "网络安全和信息化委员会", "IMNU", UNIT_LEADING_GROUP, NULL, NULL, NULL, 0, NULL },
	{ "WXB", "网信委办公室", "WXW", UNIT_LEADING_GROUP_OFFICE, NULL, NULL, NULL, 0, NULL },
	{ "XXZX", "信息中心", "IMNU", UNIT_TECH_SUPPORT_CENTRE, "主任", "副主任", "网络安全工程师",
	  0, NULL },
	IMNU_DEPT("DWXCB", "党委宣传部", "部长", "副部长", "新闻中心科员", 0),
	IMNU_DEPT("DZB", "党委办公室、校长办公室", "主任", "副主任", "综合科科长", 0),
	IMNU_DEPT("JWC", "教务处", "处长", "副处长", "网络安全员", STAFF_HANDOVER),
	IMNU_DEPT("XGB", "学生工作部（处）", "部长", "副部长", "网络安全员", 0),
	IMNU_DEPT("KYC", "科研处", "处长", "副处长", "科员", 0),
	IMNU_DEPT("RSC", "人事处", "处长", "副处长", "科员", 0),
	IMNU_DEPT("CWC", "财务处", "处长", "副处长", "网络安全员", 0),
	IMNU_DEPT("YJSY", "研究生院", "常务副院长", "副院长", "科员", 0),
	IMNU_DEPT("TSG", "图书馆", "馆长", "副馆长", "系统部主任", 0),
	COLLEGE("WXY", "文学院", "党委书记", "办公室主任", 0, "wxy.imnu.edu.cn"),
	COLLEGE("SXXY", "数学科学学院", "党委书记", "实验师", 0, "math.imnu.edu.cn"),
	COLLEGE("WDXY", "物理与电子信息学院", "党委书记", "工程师", 0, "physics.imnu.edu.cn"),
	COLLEGE("HHXY", "化学与环境科学学院", "党委书记", "办公室主任", STAFF_OVERLAP,
		"chem.imnu.edu.cn"),
	COLLEGE("JSJXY", "计算机科学技术学院", "党委书记", "工程师", STAFF_HANDOVER,
		"ccs.imnu.edu.cn"),
	COLLEGE("JKXY", "教育科学学院", "党委书记", "教学秘书", 0, "jky.imnu.edu.cn"),
	COLLEGE("WGYXY", "外国语学院", "党委书记", "办公室主任", STAFF_DEPUTY_LEFT,
		"sfl.imnu.edu.cn"),
	COLLEGE("JGXY", "经济管理学院", "党委书记", "实验师", 0, "sem.imnu.edu.cn"),
	COLLEGE("LSXY", "历史文化学院", "党委书记", "办公室主任", 0, "history.imnu.edu.cn"),
	COLLEGE("MSXY", "美术学院", "党总支书记", NULL, 0, "art.imnu.edu.cn"),
	COLLEGE("YYXY", "音乐学院", "党总支书记", "教学秘书", STAFF_OFFICER_LEFT,
		"music.imnu.edu.cn"),
	COLLEGE("TYXY", "体育学院", "党总支书记", NULL, 0, "pe.imnu.edu.cn"),
	COLLEGE("SMXY", "生命科学与技术学院", "党委书记", "实验师", 0, "life.imnu.edu.cn"),
	COLLEGE("DLXY", "地理科学学院", "党委书记", "工程师", 0, "geo.imnu.edu.cn"),
	{ "HHHT-WAZD", "呼和浩特市公安局网络安全保卫支队", NULL, UNIT_EXTERNAL_AUTHORITY, NULL,
	  NULL, NULL, 0, NULL },
	{ "NMG-WXB", "内蒙古自治区党委网信办", NULL, UNIT_EXTERNAL_AUTHORITY, NULL, NULL, NULL, 0,
	  NULL },
	{ "NMG-JYT", "内蒙古自治区教育厅", NULL, UNIT_EXTERNAL_AUTHORITY, NULL, NULL, NULL, 0,
	  NULL },
};

static const struct person_row imnu_people[] = {
	{ "SJ", "IMNU", "党委书记" },
	{ "XZ", "IMNU", "党委副书记、校长" },
	{ "FSJ", "IMNU", "党委副书记" },
	{ "VP", "IMNU", "党委常委、副校长" },
	{ "VP2", "IMNU", "副校长" },
	{ "VP3", "IMNU", "党委常委、副校长" },
	{ "VPOLD", "IMNU", "原副校长（已调任）" },
	{ "ENG", "XXZX", "工程师" },
};

static const char co_nm_it[] = "内蒙古某某信息技术有限公司";
static const char co_bj_edu[] = "北京某某教育科技有限公司";
static const char co_hh_net[] = "呼和浩特市某某网络工程有限公司";
static const char co_sh_soft[] = "上海某某软件股份有限公司";
static const char co_sec[] = "某某网络安全技术有限公司";

/* Gaps: ZXJX, KYXT, YJSXT unfiled; CWXT, YKT, IDC overdue for assessment; XYW, FTP, YXXCX
 * answered by no unit. */
static const struct demo_asset imnu_assets[] = {
	{ "WWW", "学校门户网站", ASSET_PORTAL, "https://www.imnu.edu.cn",
	  { "XXZX", "DZB", "DWXCB", "XXZX" }, co_nm_it, 3, YMD(6, 5, 12), YMD(6, 6, 3), AGO(150),
	  ASSESS_PASS, F_NET | F_PROT, STATUS_LIVE },
	{ "NEWS", "新闻网", ASSET_NEWS_SITE, "https://news.imnu.edu.cn",
	  { "XXZX", "DWXCB", "DWXCB", "XXZX" }, co_nm_it, 2, YMD(6, 5, 12), YMD(6, 6, 3),
	  AGO(520), ASSESS_BASIC, F_NET | F_PROT | F_NOT_KEY_NEWS, STATUS_LIVE },
	{ "WECHAT", "官方微信公众号（内蒙古师范大学）", ASSET_PUBLICITY_PLATFORM, NULL,
	  { "DWXCB", "DWXCB", "DWXCB", "DWXCB" }, NULL, 0, NODATE, NODATE, NODATE, ASSESS_NONE,
	  F_NET, STATUS_LIVE },
	{ "WEIBO", "官方微博", ASSET_PUBLICITY_PLATFORM, "https://weibo.com/imnu",
	  { "DWXCB", "DWXCB", "DWXCB", "DWXCB" }, NULL, 0, NODATE, NODATE, NODATE, ASSESS_NONE,
	  F_NET, STATUS_LIVE },
	{ "DOUYIN", "官方抖音号", ASSET_PUBLICITY_PLATFORM, NULL,
	  { "DWXCB", "DWXCB", "DWXCB", "DWXCB" }, NULL, 0, NODATE, NODATE, NODATE, ASSESS_NONE,
	  F_NET, STATUS_LIVE },
	{ "RMT", "融媒体中心发布平台", ASSET_PLATFORM, "https://rmt.imnu.edu.cn",
	  { "DWXCB", "DWXCB", "DWXCB", "XXZX" }, co_hh_net, 1, YMD(3, 10, 9), NODATE, NODATE,
	  ASSESS_NONE, F_NET | F_PROT, STATUS_LIVE },
	{ "XXGK", "信息公开网", ASSET_PORTAL, "https://xxgk.imnu.edu.cn",
	  { "XXZX", "DZB", "DZB", "XXZX" }, co_nm_it, 2, YMD(5, 4, 20), YMD(5, 5, 11), AGO(600),
	  ASSESS_PASS, F_NET | F_PROT, STATUS_LIVE },
	{ "ZQ", "网站群管理平台", ASSET_PLATFORM, "https://zq.imnu.edu.cn",
	  { "XXZX", "DWXCB", "XXZX", "XXZX" }, co_nm_it, 2, YMD(5, 4, 20), YMD(5, 5, 11),
	  AGO(600), ASSESS_PASS, F_NET | F_PROT, STATUS_LIVE },
	{ "IDS", "统一身份认证平台", ASSET_PLATFORM, "https://ids.imnu.edu.cn",
	  { "XXZX", "XXZX", "XXZX", "XXZX" }, co_sh_soft, 3, YMD(5, 9, 1), YMD(5, 9, 22),
	  AGO(210), ASSESS_PASS, F_NET | F_PI | F_PROT, STATUS_LIVE },
	{ "EHALL", "网上办事大厅", ASSET_PLATFORM, "https://ehall.imnu.edu.cn",
	  { "XXZX", "DZB", "DZB", "XXZX" }, co_sh_soft, 2, YMD(4, 3, 15), YMD(4, 4, 8), AGO(400),
	  ASSESS_PASS, F_NET | F_PI | F_PROT, STATUS_LIVE },
	{ "JWXT", "教务管理系统", ASSET_INFO_SYSTEM, "https://jwxt.imnu.edu.cn",
	  { "JWC", "JWC", "JWC", "XXZX" }, co_bj_edu, 3, YMD(6, 3, 1), YMD(6, 3, 25), AGO(95),
	  ASSESS_BASIC, F_NET | F_PI | F_PROT, STATUS_LIVE },
	{ "KSBM", "考试报名系统", ASSET_INFO_SYSTEM, "https://ksbm.imnu.edu.cn",
	  { "JWC", "JWC", "JWC", "XXZX" }, co_bj_edu, 2, YMD(4, 6, 2), YMD(4, 6, 28), AGO(380),
	  ASSESS_PASS, F_NET | F_PI, STATUS_LIVE },
	{ "ZXJX", "在线教学平台", ASSET_PLATFORM, "https://mooc.imnu.edu.cn",
	  { "JWC", "JWC", "JWC", "XXZX" }, co_bj_edu, 3, AGO(50), NODATE, NODATE, ASSESS_NONE,
	  F_NET | F_PI | F_PROT, STATUS_LIVE },
	{ "JCXT", "教材管理系统", ASSET_INFO_SYSTEM, "jcgl.imnu.edu.cn",
	  { "JWC", "JWC", "JWC", "XXZX" }, NULL, 1, YMD(4, 6, 2), NODATE, NODATE, ASSESS_NONE, 0,
	  STATUS_LIVE },
	{ "ZSW", "本科招生信息网", ASSET_PORTAL, "https://zsw.imnu.edu.cn",
	  { "XXZX", "JWC", "JWC", "XXZX" }, co_nm_it, 2, YMD(5, 4, 20), YMD(5, 5, 11), AGO(600),
	  ASSESS_PASS, F_NET | F_PROT, STATUS_LIVE },
	{ "XGXT", "学生工作管理系统", ASSET_INFO_SYSTEM, "https://xg.imnu.edu.cn",
	  { "XGB", "XGB", "XGB", "XXZX" }, co_bj_edu, 2, YMD(5, 10, 8), YMD(5, 11, 2), AGO(480),
	  ASSESS_BASIC, F_NET | F_PI, STATUS_LIVE },
	{ "XSZZ", "学生资助管理系统", ASSET_INFO_SYSTEM, "xszz.imnu.edu.cn",
	  { "XGB", "XGB", "XGB", "XXZX" }, co_bj_edu, 2, YMD(4, 9, 6), YMD(4, 9, 27), NODATE,
	  ASSESS_NONE, F_PI, STATUS_LIVE },
	{ "XLCP", "心理健康测评系统", ASSET_INFO_SYSTEM, "xlcp.imnu.edu.cn",
	  { "XGB", "XGB", "XGB", "XGB" }, co_hh_net, 2, YMD(3, 5, 16), YMD(3, 6, 5), NODATE,
	  ASSESS_NONE, F_PI, STATUS_LIVE },
	{ "JYW", "就业信息网", ASSET_PORTAL, "https://jy.imnu.edu.cn",
	  { "XGB", "XGB", "XGB", "XXZX" }, co_nm_it, 2, YMD(5, 4, 20), YMD(5, 5, 11), AGO(600),
	  ASSESS_PASS, F_NET | F_PI | F_PROT, STATUS_LIVE },
	{ "KYXT", "科研管理系统", ASSET_INFO_SYSTEM, "https://ky.imnu.edu.cn",
	  { "KYC", "KYC", "KYC", "XXZX" }, co_sh_soft, 2, AGO(62), NODATE, NODATE, ASSESS_NONE,
	  F_NET | F_PI, STATUS_LIVE },
	{ "XBTG", "学报在线投稿系统", ASSET_PLATFORM, "https://xb.imnu.edu.cn",
	  { "KYC", "KYC", "KYC", "KYC" }, co_hh_net, 2, YMD(4, 11, 3), YMD(4, 11, 25), NODATE,
	  ASSESS_NONE, F_NET | F_PI, STATUS_LIVE },
	{ "RSXT", "人事管理系统", ASSET_INFO_SYSTEM, "hr.imnu.edu.cn",
	  { "RSC", "RSC", "RSC", "XXZX" }, co_sh_soft, 2, YMD(5, 7, 1), YMD(5, 7, 20), AGO(560),
	  ASSESS_PASS, F_PI, STATUS_LIVE },
	{ "RCZP", "人才招聘网", ASSET_PORTAL, "https://rczp.imnu.edu.cn",
	  { "XXZX", "RSC", "RSC", "XXZX" }, co_nm_it, 2, YMD(5, 4, 20), YMD(5, 5, 11), AGO(600),
	  ASSESS_PASS, F_NET | F_PI | F_PROT, STATUS_LIVE },
	{ "CWXT", "财务系统", ASSET_INFO_SYSTEM, "cw.imnu.edu.cn",
	  { "CWC", "CWC", "CWC", "CWC" }, co_sh_soft, 3, YMD(6, 8, 15), YMD(6, 9, 6), AGO(430),
	  ASSESS_BASIC, F_PI, STATUS_LIVE },
	{ "WSBX", "网上报销系统", ASSET_INFO_SYSTEM, "https://bx.imnu.edu.cn",
	  { "CWC", "CWC", "CWC", "XXZX" }, co_sh_soft, 2, YMD(4, 8, 18), YMD(4, 9, 9), NODATE,
	  ASSESS_NONE, F_NET | F_PI, STATUS_LIVE },
	{ "PAY", "统一支付平台", ASSET_PLATFORM, "https://pay.imnu.edu.cn",
	  { "CWC", "CWC", "CWC", "XXZX" }, co_sh_soft, 2, YMD(4, 8, 18), YMD(4, 9, 9), AGO(390),
	  ASSESS_PASS, F_NET | F_PI | F_PROT, STATUS_LIVE },
	{ "YKT", "校园一卡通系统", ASSET_INFO_SYSTEM, "ykt.imnu.edu.cn",
	  { "CWC", "CWC", "CWC", "XXZX" }, co_hh_net, 3, YMD(6, 4, 7), YMD(6, 4, 29), AGO(410),
	  ASSESS_PASS, F_PI, STATUS_LIVE },
	{ "ZCXT", "资产管理系统", ASSET_INFO_SYSTEM, "zc.imnu.edu.cn",
	  { "CWC", "CWC", "CWC", "XXZX" }, co_sh_soft, 2, YMD(3, 3, 3), YMD(3, 3, 24), NODATE,
	  ASSESS_NONE, 0, STATUS_LIVE },
	{ "YJSXT", "研究生管理系统", ASSET_INFO_SYSTEM, "https://yjs.imnu.edu.cn",
	  { "YJSY", "YJSY", "YJSY", "XXZX" }, co_bj_edu, 2, AGO(95), NODATE, NODATE,
	  ASSESS_NONE, F_NET | F_PI, STATUS_LIVE },
	{ "YZW", "研究生招生信息网", ASSET_PORTAL, "https://yz.imnu.edu.cn",
	  { "XXZX", "YJSY", "YJSY", "XXZX" }, co_nm_it, 2, YMD(5, 4, 20), YMD(5, 5, 11), AGO(600),
	  ASSESS_PASS, F_NET | F_PROT, STATUS_LIVE },
	{ "XWLW", "学位论文管理系统", ASSET_INFO_SYSTEM, "lw.imnu.edu.cn",
	  { "YJSY", "YJSY", "YJSY", "XXZX" }, co_bj_edu, 1, YMD(3, 12, 1), NODATE, NODATE,
	  ASSESS_NONE, F_PI, STATUS_LIVE },
	{ "TSGXT", "图书馆集成管理系统", ASSET_INFO_SYSTEM, "opac.imnu.edu.cn",
	  { "TSG", "TSG", "TSG", "TSG" }, co_sh_soft, 2, YMD(5, 6, 6), YMD(5, 6, 30), NODATE,
	  ASSESS_NONE, F_NET | F_PI, STATUS_LIVE },
	{ "TSGWEB", "图书馆网站", ASSET_PORTAL, "https://lib.imnu.edu.cn",
	  { "TSG", "TSG", "TSG", "TSG" }, NULL, 2, YMD(5, 6, 6), YMD(5, 6, 30), NODATE,
	  ASSESS_NONE, F_NET | F_PROT, STATUS_LIVE },
	{ "DZZY", "电子资源远程访问系统", ASSET_PLATFORM, "https://erm.imnu.edu.cn",
	  { "TSG", "TSG", "TSG", "TSG" }, co_bj_edu, 1, YMD(3, 2, 20), NODATE, NODATE,
	  ASSESS_NONE, F_NET, STATUS_LIVE },
	{ "MGWX", "蒙古文文献数据库", ASSET_INFO_SYSTEM, "mgwx.imnu.edu.cn",
	  { "TSG", "TSG", "TSG", "TSG" }, co_nm_it, 2, YMD(4, 5, 10), YMD(4, 6, 1), NODATE,
	  ASSESS_NONE, F_NET, STATUS_LIVE },
	{ "OA", "协同办公系统", ASSET_INFO_SYSTEM, "oa.imnu.edu.cn",
	  { "DZB", "DZB", "DZB", "XXZX" }, co_sh_soft, 2, YMD(5, 3, 9), YMD(5, 3, 30), AGO(450),
	  ASSESS_PASS, F_PI, STATUS_LIVE },
	{ "DAXT", "档案管理系统", ASSET_INFO_SYSTEM, "da.imnu.edu.cn",
	  { "DZB", "DZB", "DZB", "XXZX" }, NULL, 2, YMD(4, 10, 12), YMD(4, 11, 2), NODATE,
	  ASSESS_NONE, F_PI, STATUS_LIVE },
	{ "SPHY", "视频会议系统", ASSET_INFRASTRUCTURE, NULL, { "DZB", "DZB", "DZB", "XXZX" },
	  NULL, 1, YMD(3, 9, 1), NODATE, NODATE, ASSESS_NONE, 0, STATUS_LIVE },
	{ "DJPT", "智慧党建平台", ASSET_PLATFORM, "https://dj.imnu.edu.cn",
	  { "DZB", "DZB", "DZB", "XXZX" }, co_hh_net, 1, YMD(2, 6, 15), NODATE, NODATE,
	  ASSESS_NONE, F_NET, STATUS_LIVE },
	{ "MAIL", "电子邮件系统", ASSET_INFO_SYSTEM, "https://mail.imnu.edu.cn",
	  { "XXZX", "XXZX", "XXZX", "XXZX" }, co_nm_it, 2, YMD(5, 9, 1), YMD(5, 9, 22), AGO(470),
	  ASSESS_PASS, F_NET | F_PI | F_PROT, STATUS_LIVE },
	{ "IDC", "数据中心机房", ASSET_INFRASTRUCTURE, NULL, { "XXZX", "XXZX", "XXZX", "XXZX" },
	  co_hh_net, 3, YMD(6, 10, 10), YMD(6, 11, 1), AGO(500), ASSESS_BASIC, 0, STATUS_LIVE },
	{ "CORE", "校园网核心网络", ASSET_INFRASTRUCTURE, NULL,
	  { "XXZX", "XXZX", "XXZX", "XXZX" }, co_hh_net, 3, YMD(6, 10, 10), YMD(6, 11, 1),
	  AGO(200), ASSESS_PASS, F_NET | F_PROT, STATUS_LIVE },
	{ "WLAN", "无线校园网", ASSET_INFRASTRUCTURE, NULL, { "XXZX", "XXZX", "XXZX", "XXZX" },
	  co_hh_net, 2, YMD(4, 7, 7), YMD(4, 7, 28), NODATE, ASSESS_NONE, F_PI, STATUS_LIVE },
	{ "SSWL", "学生宿舍网络", ASSET_INFRASTRUCTURE, NULL, { "XXZX", "XGB", "XXZX", "XXZX" },
	  co_hh_net, 2, YMD(4, 7, 7), YMD(4, 7, 28), NODATE, ASSESS_NONE, F_PI, STATUS_LIVE },
	{ "VPN", "VPN远程访问系统", ASSET_PLATFORM, "vpn.imnu.edu.cn",
	  { "XXZX", "XXZX", "XXZX", "XXZX" }, co_sec, 2, YMD(3, 3, 2), YMD(3, 3, 23), NODATE,
	  ASSESS_NONE, F_NET | F_PROT, STATUS_LIVE },
	{ "YPT", "虚拟化云平台", ASSET_INFRASTRUCTURE, NULL, { "XXZX", "XXZX", "XXZX", "XXZX" },
	  co_nm_it, 2, YMD(4, 4, 1), YMD(4, 4, 22), NODATE, ASSESS_NONE, 0, STATUS_LIVE },
	{ "SOC", "网络安全态势感知平台", ASSET_PLATFORM, "soc.imnu.edu.cn",
	  { "XXZX", "XXZX", "XXZX", "XXZX" }, co_sec, 2, YMD(2, 9, 9), YMD(2, 9, 30), NODATE,
	  ASSESS_NONE, F_PROT, STATUS_LIVE },
	{ "BLJ", "运维审计堡垒机", ASSET_SERVER, "10.10.1.20", { "XXZX", "XXZX", "XXZX", "XXZX" },
	  co_sec, 0, NODATE, NODATE, NODATE, ASSESS_NONE, F_PROT, STATUS_LIVE },
	{ "BACKUP", "数据备份服务器", ASSET_SERVER, "10.10.1.31",
	  { "XXZX", "XXZX", "XXZX", "XXZX" }, NULL, 0, NODATE, NODATE, NODATE, ASSESS_NONE, 0,
	  STATUS_LIVE },
	{ "DNS", "域名解析服务器", ASSET_SERVER, "dns.imnu.edu.cn",
	  { "XXZX", "XXZX", "XXZX", "XXZX" }, NULL, 0, NODATE, NODATE, NODATE, ASSESS_NONE, F_NET,
	  STATUS_LIVE },
	{ "ZBRJ", "正版软件服务平台", ASSET_PLATFORM, "https://soft.imnu.edu.cn",
	  { "XXZX", "XXZX", "XXZX", "XXZX" }, NULL, 1, YMD(3, 4, 12), NODATE, NODATE,
	  ASSESS_NONE, F_NET, STATUS_LIVE },
	{ "YQJC", "网络舆情监测平台", ASSET_PLATFORM, NULL, { "DWXCB", "DWXCB", "DWXCB", NULL },
	  co_sec, 1, YMD(2, 3, 8), NODATE, NODATE, ASSESS_NONE, 0, STATUS_LIVE },
	/* Orphans: nobody registered as builder, user, manager or operator. */
	{ "XYW", "校友网", ASSET_PORTAL, "http://xyh.imnu.edu.cn", { NULL, NULL, NULL, NULL },
	  NULL, 0, NODATE, NODATE, NODATE, ASSESS_NONE, F_NET, STATUS_LIVE },
	{ "FTP", "FTP文件共享服务器", ASSET_SERVER, "ftp.imnu.edu.cn", { NULL, NULL, NULL, NULL },
	  NULL, 0, NODATE, NODATE, NODATE, ASSESS_NONE, F_NET, STATUS_LIVE },
	{ "YXXCX", "迎新服务微信小程序", ASSET_PLATFORM, NULL, { NULL, NULL, NULL, NULL },
	  co_hh_net, 0, NODATE, NODATE, NODATE, ASSESS_NONE, F_NET | F_PI, STATUS_LIVE },
	/* Retired, being built, planned. */
	{ "JWXT-OLD", "旧版教务管理系统", ASSET_INFO_SYSTEM, "jw.imnu.edu.cn",
	  { "JWC", "JWC", "JWC", "XXZX" }, co_bj_edu, 2, YMD(8, 5, 5), YMD(8, 5, 26), NODATE,
	  ASSESS_NONE, F_PI, STATUS_RETIRED },
	{ "WWW-OLD", "旧版学校门户网站", ASSET_PORTAL, "http://old.imnu.edu.cn",
	  { "XXZX", "DZB", "DWXCB", "XXZX" }, NULL, 2, YMD(8, 5, 5), YMD(8, 5, 26), NODATE,
	  ASSESS_NONE, F_NET, STATUS_RETIRED },
	{ "BBS", "校园论坛", ASSET_PLATFORM, "http://bbs.imnu.edu.cn", { NULL, NULL, NULL, NULL },
	  NULL, 0, NODATE, NODATE, NODATE, ASSESS_NONE, F_NET, STATUS_RETIRED },
	{ "SJZT", "智慧校园数据中台", ASSET_PLATFORM, NULL, { "XXZX", "XXZX", "XXZX", "XXZX" },
	  co_sh_soft, 0, NODATE, NODATE, NODATE, ASSESS_NONE, F_PI, STATUS_BUILDING },
	{ "XNXYK", "虚拟校园卡系统", ASSET_INFO_SYSTEM, NULL, { "CWC", "CWC", "CWC", "XXZX" }, NULL,
	  0, NODATE, NODATE, NODATE, ASSESS_NONE, F_PI, STATUS_PLANNED },
	/* Colleges' own systems (their websites are generated from the unit table). */
	{ "OJ", "程序设计在线评测系统", ASSET_PLATFORM, "https://acm.imnu.edu.cn",
	  { "JSJXY", "JSJXY", "JSJXY", "JSJXY" }, NULL, 1, YMD(3, 5, 5), NODATE, NODATE,
	  ASSESS_NONE, F_NET, STATUS_LIVE },
	{ "DXSY", "电子信息实验教学中心服务器", ASSET_SERVER, "10.20.4.11",
	  { "WDXY", "WDXY", "WDXY", "WDXY" }, NULL, 0, NODATE, NODATE, NODATE, ASSESS_NONE, 0,
	  STATUS_LIVE },
	{ "GIS", "地理信息公共服务平台", ASSET_PLATFORM, "https://gis.imnu.edu.cn",
	  { "DLXY", "DLXY", "DLXY", "DLXY" }, co_nm_it, 2, YMD(3, 6, 1), YMD(3, 6, 20), NODATE,
	  ASSESS_NONE, F_NET, STATUS_LIVE },
	{ "SWXX", "生物信息学计算服务器", ASSET_SERVER, "10.20.7.5",
	  { "SMXY", "SMXY", "SMXY", "SMXY" }, NULL, 0, NODATE, NODATE, NODATE, ASSESS_NONE, 0,
	  STATUS_LIVE },
	{ "XNFZ", "教师教育虚拟仿真实训平台", ASSET_PLATFORM, "https://vr.imnu.edu.cn",
	  { "JKXY", "JKXY", "JKXY", "JKXY" }, co_bj_edu, 1, YMD(2, 11, 1), NODATE, NODATE,
	  ASSESS_NONE, F_NET, STATUS_LIVE },
	{ "WYXX", "外语自主学习平台", ASSET_PLATFORM, "elearning.imnu.edu.cn",
	  { "WGYXY", "WGYXY", "WGYXY", "XXZX" }, co_bj_edu, 1, YMD(4, 3, 1), NODATE, NODATE,
	  ASSESS_NONE, F_PI, STATUS_LIVE },
	{ "JGSY", "经济管理实验教学平台", ASSET_PLATFORM, "10.20.9.8",
	  { "JGXY", "JGXY", "JGXY", "JGXY" }, NULL, 1, YMD(4, 9, 10), NODATE, NODATE,
	  ASSESS_NONE, 0, STATUS_LIVE },
	{ "SXJM", "数学建模计算服务器", ASSET_SERVER, "10.20.2.3",
	  { "SXXY", "SXXY", "SXXY", "SXXY" }, NULL, 0, NODATE, NODATE, NODATE, ASSESS_NONE, 0,
	  STATUS_LIVE },
	{ "HXAQ", "化学实验室安全管理系统", ASSET_INFO_SYSTEM, "hxaq.imnu.edu.cn",
	  { "HHXY", "HHXY", "HHXY", "XXZX" }, NULL, 1, YMD(2, 4, 18), NODATE, NODATE,
	  ASSESS_NONE, 0, STATUS_LIVE },
	{ "MSZG", "美术作品数字展馆", ASSET_PORTAL, "https://gallery.imnu.edu.cn",
	  { "MSXY", "MSXY", "MSXY", "XXZX" }, co_hh_net, 1, YMD(2, 10, 20), NODATE, NODATE,
	  ASSESS_NONE, F_NET, STATUS_LIVE },
	{ "WXDA", "学生作品在线档案库", ASSET_INFO_SYSTEM, "10.20.1.6",
	  { "WXY", "WXY", "WXY", "WXY" }, NULL, 0, NODATE, NODATE, NODATE, ASSESS_NONE, F_PI,
	  STATUS_BUILDING },
};

/* Generated staff referenced here start at least two years back, so these come later. */
static const struct duty_row imnu_duties[] = {
	{ ROLE_FIRST_RESPONSIBLE, "SJ", "IMNU", NULL, YMD(5, 3, 18), NODATE,
	  "学校党委书记（第六条）" },
	{ ROLE_DIRECT_RESPONSIBLE, "VPOLD", "IMNU", NULL, YMD(7, 1, 10), YMD(3, 12, 31),
	  "分管网络安全和信息化工作；工作调整后离任" },
	{ ROLE_DIRECT_RESPONSIBLE, "VP", "IMNU", NULL, YMD(2, 1, 1), NODATE,
	  "党委常委会调整分工，分管网络安全和信息化工作" },
	{ ROLE_LEADERSHIP_MEMBER, "XZ", "IMNU", NULL, YMD(6, 7, 1), NODATE, NULL },
	{ ROLE_LEADERSHIP_MEMBER, "FSJ", "IMNU", NULL, YMD(4, 12, 1), NODATE, NULL },
	{ ROLE_LEADERSHIP_MEMBER, "VP2", "IMNU", NULL, YMD(3, 9, 1), NODATE, NULL },
	{ ROLE_LEADERSHIP_MEMBER, "VP3", "IMNU", NULL, YMD(5, 1, 15), NODATE, NULL },
	{ ROLE_PRINCIPAL, "SJ", "WXW", NULL, YMD(5, 3, 18), NODATE, "网信委主任" },
	{ ROLE_LEADERSHIP_MEMBER, "XZ", "WXW", NULL, YMD(6, 7, 1), NODATE, "网信委副主任" },
	{ ROLE_LEADERSHIP_MEMBER, "VP", "WXW", NULL, YMD(2, 1, 1), NODATE, "网信委副主任" },
	{ ROLE_PRINCIPAL, "VPOLD", "WXB", NULL, YMD(7, 1, 10), YMD(3, 12, 31),
	  "网信委办公室主任由分管校领导兼任（第五条）" },
	{ ROLE_PRINCIPAL, "VP", "WXB", NULL, YMD(2, 1, 1), NODATE,
	  "网信委办公室主任由分管校领导兼任（第五条）" },
	{ ROLE_LEADERSHIP_MEMBER, "DWXCB/head", "WXB", NULL, YMD(1, 3, 1), NODATE,
	  "网信委办公室常务副主任（第五条）" },
	{ ROLE_LEADERSHIP_MEMBER, "XXZX/head", "WXB", NULL, YMD(1, 3, 1), NODATE,
	  "网信委办公室常务副主任（第五条）" },
	{ ROLE_SECURITY_OFFICER, "ENG", "XXZX", NULL, YMD(1, 4, 1), NODATE,
	  "信息中心第二名网络安全管理员" },
};

static const struct org imnu_org = {
	"T", "0471-439", "imnu.edu.cn", "15010099999", "XXZX",
	ROLE_FIRST_RESPONSIBLE, ROLE_DIRECT_RESPONSIBLE, 0x19520601u, 25,
	TABLE(imnu_units), TABLE(imnu_people), TABLE(imnu_assets), TABLE(imnu_duties),
	"DWXCB",
};

/* ---- 烟台市人民政府外事办公室 (yantai-fao-2021) ------------------------------------------- */

#define YT_SECTION(code, name, officer, staff)                                              \
	{ code, name, "YTFAO", UNIT_DEPARTMENT, "科长", NULL, officer, staff, NULL }

static const struct unit_row yantai_units[] = {
	{ "YTFAO", "烟台市人民政府外事办公室", NULL, UNIT_PARTY_COMMITTEE, NULL, NULL, NULL, 0,
	  NULL },
	{ "LDXZ", "网络与信息安全工作领导小组", "YTFAO", UNIT_LEADING_GROUP, NULL, NULL, NULL, 0,
	  NULL },
	{ "LDXZB", "领导小组办公室（综合科）", "LDXZ", UNIT_LEADING_GROUP_OFFICE, NULL, NULL, NULL,
	  0, NULL },
	YT_SECTION("ZHK", "综合科", "二级主任科员", 0),
	YT_SECTION("GJJLK", "国际交流科", "一级科员", 0),
	YT_SECTION("YCK", "友城工作科", "四级主任科员", STAFF_HEAD_LEFT),
	YT_SECTION("LBK", "礼宾科", NULL, 0),
	YT_SECTION("HZQZK", "护照签证科", "一级科员", STAFF_OVERLAP),
	{ "FWZX", "外事综合服务中心", "YTFAO", UNIT_TECH_SUPPORT_CENTRE, "主任", NULL, "网络管理员",
	  0, NULL },
	{ "YT-WAZD", "烟台市公安局网络安全保卫支队", NULL, UNIT_EXTERNAL_AUTHORITY, NULL, NULL,
	  NULL, 0, NULL },
	{ "YT-WXB", "中共烟台市委网信办", NULL, UNIT_EXTERNAL_AUTHORITY, NULL, NULL, NULL, 0,
	  NULL },
	{ "SD-WB", "山东省人民政府外事办公室", NULL, UNIT_EXTERNAL_AUTHORITY, NULL, NULL, NULL, 0,
	  NULL },
};

static const struct person_row yantai_people[] = {
	{ "ZR", "YTFAO", "党组书记、主任" },
	{ "ZROLD", "YTFAO", "原党组书记、主任（已退休）" },
	{ "FZR", "YTFAO", "党组成员、副主任" },
	{ "FZR2", "YTFAO", "党组成员、副主任" },
	{ "FZR3", "YTFAO", "副主任" },
	{ "ADMIN", "ZHK", "一级科员（政务信息系统管理员）" },
};

static const char co_yt_net[] = "烟台某某网络科技有限公司";
static const char co_sd_soft[] = "山东某某软件有限公司";

/* Gaps: YT-EXPO answered only by its operator (not a principle here); YT-YGCG unfiled;
 * YT-ZWXT overdue for assessment. */
static const struct demo_asset yantai_assets[] = {
	{ "YT-WEB", "烟台市人民政府外事办公室门户网站", ASSET_PORTAL, "http://fao.yantai.gov.cn",
	  { "ZHK", "ZHK", "ZHK", "FWZX" }, co_yt_net, 2, YMD(5, 6, 10), YMD(5, 7, 2), AGO(300),
	  ASSESS_PASS, F_NET | F_PROT | F_PREF | F_IMPORTANT, STATUS_LIVE },
	{ "YT-ZWXT", "外事综合业务管理系统（政务信息系统）", ASSET_INFO_SYSTEM, "10.37.60.21",
	  { "ZHK", "ZHK", "ZHK", "FWZX" }, co_sd_soft, 3, YMD(5, 8, 3), YMD(5, 8, 24), AGO(420),
	  ASSESS_BASIC, F_PI, STATUS_LIVE },
	{ "YT-OA", "办公自动化（OA）系统", ASSET_INFO_SYSTEM, "10.37.60.22",
	  { "ZHK", "ZHK", "ZHK", "FWZX" }, co_sd_soft, 2, YMD(4, 4, 6), YMD(4, 4, 27), NODATE,
	  ASSESS_NONE, F_PI, STATUS_LIVE },
	{ "YT-YGCG", "因公出国（境）管理系统", ASSET_INFO_SYSTEM, "10.37.60.30",
	  { "HZQZK", "HZQZK", "HZQZK", "FWZX" }, co_sd_soft, 2, AGO(75), NODATE, NODATE,
	  ASSESS_NONE, F_PI, STATUS_LIVE },
	{ "YT-APEC", "APEC商务旅行卡申办系统", ASSET_INFO_SYSTEM, NULL,
	  { "SD-WB", "HZQZK", "HZQZK", NULL }, NULL, 2, YMD(4, 2, 20), YMD(4, 3, 13), NODATE,
	  ASSESS_NONE, F_NET | F_PI, STATUS_LIVE },
	{ "YT-WX", "烟台外事微信公众号", ASSET_PUBLICITY_PLATFORM, NULL,
	  { "ZHK", "ZHK", "ZHK", "ZHK" }, NULL, 0, NODATE, NODATE, NODATE, ASSESS_NONE, F_NET,
	  STATUS_LIVE },
	{ "YT-YCW", "烟台国际友好城市网", ASSET_PORTAL, "http://fao.yantai.gov.cn/ych",
	  { "YCK", "YCK", "YCK", "FWZX" }, co_yt_net, 1, YMD(3, 5, 9), NODATE, NODATE,
	  ASSESS_NONE, F_NET | F_PROT, STATUS_LIVE },
	{ "YT-EXPO", "外事网上展馆（专题网站）", ASSET_PORTAL, "http://expo.fao.yantai.gov.cn",
	  { NULL, NULL, NULL, "FWZX" }, co_yt_net, 1, YMD(3, 9, 1), NODATE, NODATE, ASSESS_NONE,
	  F_NET, STATUS_LIVE },
	{ "YT-LBXT", "外宾接待管理系统", ASSET_INFO_SYSTEM, "10.37.60.35",
	  { "LBK", "LBK", "LBK", "FWZX" }, NULL, 1, YMD(3, 7, 7), NODATE, NODATE, ASSESS_NONE,
	  F_PI, STATUS_LIVE },
	{ "YT-FYPT", "翻译服务管理平台", ASSET_PLATFORM, "10.37.60.36",
	  { "FWZX", "FWZX", "FWZX", "FWZX" }, NULL, 1, YMD(2, 10, 10), NODATE, NODATE,
	  ASSESS_NONE, 0, STATUS_LIVE },
	{ "YT-JLXM", "国际交流项目数据库", ASSET_INFO_SYSTEM, "10.37.60.37",
	  { "GJJLK", "GJJLK", "GJJLK", "FWZX" }, NULL, 1, YMD(2, 10, 10), NODATE, NODATE,
	  ASSESS_NONE, 0, STATUS_LIVE },
	{ "YT-SRV-WEB", "门户网站服务器", ASSET_SERVER, "10.37.60.11",
	  { "ZHK", "ZHK", "ZHK", "FWZX" }, co_yt_net, 0, NODATE, NODATE, NODATE, ASSESS_NONE,
	  F_NET, STATUS_LIVE },
	{ "YT-SRV-DB", "业务数据库服务器", ASSET_SERVER, "10.37.60.12",
	  { "ZHK", "ZHK", "ZHK", "FWZX" }, co_sd_soft, 0, NODATE, NODATE, NODATE, ASSESS_NONE,
	  0, STATUS_LIVE },
	{ "YT-SRV-FILE", "文件服务器", ASSET_SERVER, "10.37.60.13", { "ZHK", "ZHK", "ZHK", "FWZX" },
	  NULL, 0, NODATE, NODATE, NODATE, ASSESS_NONE, 0, STATUS_LIVE },
	{ "YT-LAN", "机关局域网", ASSET_INFRASTRUCTURE, NULL, { "ZHK", "ZHK", "ZHK", "FWZX" },
	  co_yt_net, 2, YMD(4, 4, 6), YMD(4, 4, 27), NODATE, ASSESS_NONE, 0, STATUS_LIVE },
	{ "YT-ZWWW", "电子政务外网接入", ASSET_INFRASTRUCTURE, NULL,
	  { "ZHK", "ZHK", "ZHK", "FWZX" }, NULL, 0, NODATE, NODATE, NODATE, ASSESS_NONE, 0,
	  STATUS_LIVE },
	{ "YT-OLDWEB", "旧版门户网站", ASSET_PORTAL, "http://old.fao.yantai.gov.cn",
	  { "ZHK", "ZHK", "ZHK", "FWZX" }, NULL, 2, YMD(7, 3, 1), YMD(7, 3, 22), NODATE,
	  ASSESS_NONE, F_NET, STATUS_RETIRED },
};

static const struct duty_row yantai_duties[] = {
	{ ROLE_FIRST_RESPONSIBLE, "ZROLD", "YTFAO", NULL, YMD(6, 2, 1), YMD(2, 3, 31),
	  "办主要领导；退休" },
	{ ROLE_FIRST_RESPONSIBLE, "ZR", "YTFAO", NULL, YMD(2, 4, 1), NODATE, "办主要领导" },
	{ ROLE_DIRECT_RESPONSIBLE, "FZR", "YTFAO", NULL, YMD(4, 3, 1), NODATE,
	  "分管网络安全工作" },
	{ ROLE_LEADERSHIP_MEMBER, "FZR2", "YTFAO", NULL, YMD(5, 8, 1), NODATE, NULL },
	{ ROLE_LEADERSHIP_MEMBER, "FZR3", "YTFAO", NULL, YMD(3, 11, 1), NODATE, NULL },
	{ ROLE_PRINCIPAL, "ZROLD", "LDXZ", NULL, YMD(6, 2, 1), YMD(2, 3, 31), "领导小组组长" },
	{ ROLE_PRINCIPAL, "ZR", "LDXZ", NULL, YMD(2, 4, 1), NODATE, "领导小组组长" },
	{ ROLE_LEADERSHIP_MEMBER, "FZR", "LDXZ", NULL, YMD(4, 3, 1), NODATE, "领导小组副组长" },
	{ ROLE_PRINCIPAL, "ZHK/head", "LDXZB", NULL, YMD(1, 2, 1), NODATE,
	  "领导小组办公室设在综合科，由综合科科长负责" },
	{ ROLE_SECURITY_OFFICER, "ADMIN", "LDXZB", NULL, YMD(1, 2, 1), NODATE,
	  "领导小组办公室指定的网络安全员" },
	{ ROLE_ASSET_CUSTODIAN, "ADMIN", NULL, "YT-ZWXT", YMD(1, 2, 1), NODATE,
	  "专人负责政务信息系统安全" },
	{ ROLE_ASSET_CUSTODIAN, "ADMIN", NULL, "YT-OA", YMD(1, 2, 1), NODATE, NULL },
	{ ROLE_ASSET_CUSTODIAN, "ADMIN", NULL, "YT-WEB", YMD(1, 2, 1), NODATE, NULL },
	{ ROLE_ASSET_CUSTODIAN, "HZQZK/officer", NULL, "YT-YGCG", YMD(1, 5, 1), NODATE, NULL },
	{ ROLE_ASSET_CUSTODIAN, "HZQZK/officer", NULL, "YT-APEC", YMD(1, 5, 1), NODATE, NULL },
	{ ROLE_ASSET_CUSTODIAN, "FWZX/officer", NULL, "YT-LAN", YMD(1, 5, 1), NODATE, NULL },
};

static const struct org yantai_org = {
	"YT", "0535-623", "yantai.gov.cn", "37060099999", "FWZX",
	ROLE_PRINCIPAL, ROLE_DIRECT_RESPONSIBLE, 0x20210024u, 0,
	TABLE(yantai_units), TABLE(yantai_people), TABLE(yantai_assets), TABLE(yantai_duties),
	"ZHK",
};

/* ---- 中共某市委某部 (central-2017 and any other profile) ---------------------------------- */

#define C_DIVISION(code, name, head, officer)                                               \
	{ code, name, "SWMB", UNIT_DEPARTMENT, head, NULL, officer, 0, NULL }

static const struct unit_row central_units[] = {
	{ "SWMB", "中共某市委某部", NULL, UNIT_PARTY_COMMITTEE, NULL, NULL, NULL, 0, NULL },
	{ "DZ", "某部党组", "SWMB", UNIT_PARTY_COMMITTEE, NULL, NULL, NULL, 0, NULL },
	{ "WXLDXZ", "网络安全和信息化领导小组", "SWMB", UNIT_LEADING_GROUP, NULL, NULL, NULL, 0,
	  NULL },
	{ "WXB", "网络安全和信息化领导小组办公室", "WXLDXZ", UNIT_LEADING_GROUP_OFFICE, NULL, NULL,
	  NULL, 0, NULL },
	C_DIVISION("BGS", "办公室", "主任", "一级主任科员"),
	C_DIVISION("ZHC", "综合处", "处长", "二级主任科员"),
	C_DIVISION("ZCYJC", "政策研究处", "处长", NULL),
	C_DIVISION("GBC", "干部处", "处长", "一级科员"),
	C_DIVISION("XCJYC", "宣传教育处", "处长", "四级主任科员"),
	{ "XXZX", "信息中心", "SWMB", UNIT_TECH_SUPPORT_CENTRE, "主任", NULL, "工程师", 0, NULL },
	{ "MS-WAZD", "某市公安局网络安全保卫支队", NULL, UNIT_EXTERNAL_AUTHORITY, NULL, NULL, NULL,
	  0, NULL },
	{ "MS-WXB", "中共某市委网信办", NULL, UNIT_EXTERNAL_AUTHORITY, NULL, NULL, NULL, 0, NULL },
};

static const struct person_row central_people[] = {
	{ "BZ", "SWMB", "部长、党组书记" },
	{ "BZOLD", "SWMB", "原部长、党组书记（已调任）" },
	{ "FBZ", "SWMB", "常务副部长、党组副书记" },
	{ "FBZOLD", "SWMB", "原常务副部长（已调任）" },
	{ "FBZ2", "SWMB", "原副部长、党组成员（已调任）" },
	{ "FBZ3", "SWMB", "副部长、党组成员" },
	{ "FBZ4", "SWMB", "副部长" },
};

static const char co_ms_it[] = "某某信息技术有限公司";
static const char co_ms_net[] = "某某网络科技有限公司";

/* Gaps: C-FILE has a user and an operator but no manager (the only principle here); C-WSBS
 * unfiled; C-GBXT overdue for assessment. C-DJ is run by the 党组, whose direct_responsible
 * left (see the duties): an incident on it finds that role vacant in its chain. */
static const struct demo_asset central_assets[] = {
	{ "C-WEB", "门户网站", ASSET_PORTAL, "https://swmb.example.gov.cn",
	  { "XXZX", "BGS", "XCJYC", "XXZX" }, co_ms_net, 2, YMD(5, 4, 10), YMD(5, 5, 2), AGO(330),
	  ASSESS_PASS, F_NET | F_PROT | F_PREF, STATUS_LIVE },
	{ "C-WX", "微信公众号", ASSET_PUBLICITY_PLATFORM, NULL, { "XCJYC", "XCJYC", "XCJYC", NULL },
	  NULL, 0, NODATE, NODATE, NODATE, ASSESS_NONE, F_NET, STATUS_LIVE },
	{ "C-OA", "机关协同办公系统", ASSET_INFO_SYSTEM, "10.8.1.21",
	  { "XXZX", "BGS", "BGS", "XXZX" }, co_ms_it, 2, YMD(5, 4, 10), YMD(5, 5, 2), NODATE,
	  ASSESS_NONE, F_PI, STATUS_LIVE },
	{ "C-GBXT", "干部信息管理系统", ASSET_INFO_SYSTEM, "10.8.1.30",
	  { "GBC", "GBC", "GBC", "XXZX" }, co_ms_it, 3, YMD(5, 9, 1), YMD(5, 9, 25), AGO(450),
	  ASSESS_BASIC, F_PI, STATUS_LIVE },
	{ "C-WSBS", "网上办事服务平台", ASSET_PLATFORM, "https://bs.swmb.example.gov.cn",
	  { "ZHC", "ZHC", "ZHC", "XXZX" }, co_ms_net, 2, AGO(70), NODATE, NODATE, ASSESS_NONE,
	  F_NET | F_PI | F_NOT_LARGE, STATUS_LIVE },
	{ "C-FILE", "内网文件共享服务器", ASSET_SERVER, "10.8.1.40",
	  { "XXZX", "BGS", NULL, "XXZX" }, NULL, 0, NODATE, NODATE, NODATE, ASSESS_NONE, 0,
	  STATUS_LIVE },
	{ "C-IDC", "机房", ASSET_INFRASTRUCTURE, NULL, { "XXZX", "XXZX", "XXZX", "XXZX" },
	  co_ms_it, 3, YMD(5, 9, 1), YMD(5, 9, 25), AGO(200), ASSESS_PASS, 0, STATUS_LIVE },
	{ "C-LAN", "机关局域网", ASSET_INFRASTRUCTURE, NULL, { "XXZX", "XXZX", "XXZX", "XXZX" },
	  co_ms_it, 2, YMD(5, 9, 1), YMD(5, 9, 25), NODATE, ASSESS_NONE, 0, STATUS_LIVE },
	{ "C-SRV-WEB", "门户网站服务器", ASSET_SERVER, "10.8.1.11",
	  { "XXZX", "XXZX", "XXZX", "XXZX" }, NULL, 0, NODATE, NODATE, NODATE, ASSESS_NONE, F_NET,
	  STATUS_LIVE },
	{ "C-SRV-DB", "数据库服务器", ASSET_SERVER, "10.8.1.12", { "XXZX", "XXZX", "XXZX", "XXZX" },
	  NULL, 0, NODATE, NODATE, NODATE, ASSESS_NONE, 0, STATUS_LIVE },
	{ "C-ZCK", "政策文件数据库", ASSET_INFO_SYSTEM, "10.8.1.25",
	  { "ZCYJC", "ZCYJC", "ZCYJC", "XXZX" }, co_ms_it, 2, YMD(4, 6, 6), YMD(4, 6, 27), NODATE,
	  ASSESS_NONE, 0, STATUS_LIVE },
	{ "C-YQ", "网络舆情监测系统", ASSET_PLATFORM, NULL, { "XCJYC", "XCJYC", "XCJYC", NULL },
	  co_ms_net, 2, YMD(3, 3, 3), YMD(3, 3, 24), NODATE, ASSESS_NONE, 0, STATUS_LIVE },
	{ "C-DJ", "智慧党建平台", ASSET_PLATFORM, "10.8.1.27", { "XXZX", "DZ", "DZ", "XXZX" },
	  co_ms_it, 1, YMD(2, 7, 1), NODATE, NODATE, ASSESS_NONE, F_PI, STATUS_LIVE },
	{ "C-SPHY", "视频会议系统", ASSET_INFRASTRUCTURE, NULL, { "BGS", "BGS", "BGS", "XXZX" },
	  NULL, 1, YMD(3, 5, 5), NODATE, NODATE, ASSESS_NONE, 0, STATUS_LIVE },
	{ "C-MAIL", "电子邮件系统", ASSET_INFO_SYSTEM, NULL, { "XXZX", "XXZX", "XXZX", "XXZX" },
	  co_ms_it, 0, NODATE, NODATE, NODATE, ASSESS_NONE, F_PI, STATUS_BUILDING },
	{ "C-OLDWEB", "旧版门户网站", ASSET_PORTAL, "http://old.swmb.example.gov.cn",
	  { "XXZX", "BGS", "XCJYC", "XXZX" }, NULL, 2, YMD(8, 4, 1), YMD(8, 4, 20), NODATE,
	  ASSESS_NONE, F_NET, STATUS_RETIRED },
};

/* Gaps: root's direct_responsible recorded twice for 80 days (overlap); the 党组 has had no
 * direct_responsible for 50 days. */
static const struct duty_row central_duties[] = {
	{ ROLE_FIRST_RESPONSIBLE, "BZOLD", "SWMB", NULL, YMD(7, 3, 1), YMD(2, 8, 31),
	  "领导班子主要负责人" },
	{ ROLE_FIRST_RESPONSIBLE, "BZ", "SWMB", NULL, YMD(2, 9, 1), NODATE,
	  "领导班子主要负责人" },
	{ ROLE_FIRST_RESPONSIBLE, "BZOLD", "DZ", NULL, YMD(7, 3, 1), YMD(2, 8, 31), "党组书记" },
	{ ROLE_FIRST_RESPONSIBLE, "BZ", "DZ", NULL, YMD(2, 9, 1), NODATE, "党组书记" },
	{ ROLE_DIRECT_RESPONSIBLE, "FBZOLD", "SWMB", NULL, YMD(5, 4, 1), AGO(100),
	  "已调任；离任日期晚于继任者到任日期，待核实" },
	{ ROLE_DIRECT_RESPONSIBLE, "FBZ", "SWMB", NULL, AGO(180), NODATE,
	  "主管网络安全的领导班子成员" },
	{ ROLE_DIRECT_RESPONSIBLE, "FBZ2", "DZ", NULL, YMD(4, 6, 1), AGO(50),
	  "调任；党组尚未明确主管网络安全的成员" },
	{ ROLE_LEADERSHIP_MEMBER, "FBZ3", "SWMB", NULL, YMD(3, 1, 10), NODATE, NULL },
	{ ROLE_LEADERSHIP_MEMBER, "FBZ3", "DZ", NULL, YMD(3, 1, 10), NODATE, NULL },
	{ ROLE_LEADERSHIP_MEMBER, "FBZ4", "SWMB", NULL, YMD(4, 7, 1), NODATE, NULL },
	{ ROLE_PRINCIPAL, "BZOLD", "WXLDXZ", NULL, YMD(7, 3, 1), YMD(2, 8, 31), "领导小组组长" },
	{ ROLE_PRINCIPAL, "BZ", "WXLDXZ", NULL, YMD(2, 9, 1), NODATE, "领导小组组长" },
	{ ROLE_PRINCIPAL, "BGS/head", "WXB", NULL, YMD(1, 1, 15), NODATE,
	  "领导小组办公室设在办公室，由办公室主任负责" },
	{ ROLE_SECURITY_OFFICER, "XXZX/officer", "WXB", NULL, YMD(1, 1, 15), NODATE, NULL },
};

static const struct org central_org = {
	"S", "8512", "swmb.example.gov.cn", "99010099999", "XXZX",
	ROLE_PRINCIPAL, ROLE_DIRECT_RESPONSIBLE, 0x20170815u, 0,
	TABLE(central_units), TABLE(central_people), TABLE(central_assets), TABLE(central_duties),
	"BGS",
};

/* clang-format on */

/* ---- Building ------------------------------------------------------------------------ */

#define DEMO_MAX_UNITS  64
#define DEMO_MAX_PEOPLE 160
#define DEMO_MAX_ASSETS 160

/* A record the demo has written: its table key and its code (the same but for people, whose
 * codes are generated). The acts take codes. */
struct keyed {
	char key[32];
	char code[32];
};

struct ctx {
	struct store *s;
	const struct org *org;
	struct cd_diag *d;
	struct act act; /* the acts of svc/register.h, inside the demo's transaction */
	cd_date today;
	int year; /* today's year */
	uint32_t rng;
	int nperson, nfiling;
	struct keyed units[DEMO_MAX_UNITS];
	size_t nunits;
	struct keyed people[DEMO_MAX_PEOPLE];
	size_t npeople;
	struct keyed assets[DEMO_MAX_ASSETS];
	size_t nassets;
	char names[DEMO_MAX_PEOPLE][40];
	size_t nnames;
};

/* xorshift32: small, fixed, the same on every platform. */
static uint32_t rnd(struct ctx *c)
{
	uint32_t x = c->rng;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	c->rng = x;
	return x;
}

static cd_date when_date(const struct ctx *c, struct when w)
{
	switch (w.kind) {
	case W_YMD:
		return date_from_ymd(c->year - w.a, w.b, w.c);
	case W_AGO:
		return c->today - w.a;
	default:
		return CD_DATE_NONE;
	}
}

/* A day some whole years (min .. min+span-1) before this year: appointments, gradings. */
static cd_date random_day(struct ctx *c, int min_years, int span)
{
	int yb = min_years + (int)(rnd(c) % (uint32_t)span);
	int m = 1 + (int)(rnd(c) % 12);
	int dd = 1 + (int)(rnd(c) % 28);

	return date_from_ymd(c->year - yb, m, dd);
}

static const char *find(const struct keyed *v, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].key, key))
			return v[i].code;
	return NULL;
}

static enum cd_err remember(struct ctx *c, struct keyed *v, size_t *n, size_t cap,
			    const char *key, const char *code)
{
	int len, clen;

	if (*n == cap)
		return cd_diag_set(c->d, CD_ENOMEM, "demo: more than %zu records of one kind",
				   cap);
	len = snprintf(v[*n].key, sizeof(v[*n].key), "%s", key);
	clen = snprintf(v[*n].code, sizeof(v[*n].code), "%s", code);
	if (len < 0 || (size_t)len >= sizeof(v[*n].key) || clen < 0 ||
	    (size_t)clen >= sizeof(v[*n].code))
		return cd_diag_set(c->d, CD_EINVAL, "demo: key or code too long: %s", key);
	(*n)++;
	return CD_OK;
}

/* Resolve a table reference to the code of a record written before it; NULL gives NULL, an
 * unknown key is a table error. */
static enum cd_err resolve(struct ctx *c, const struct keyed *v, size_t n, const char *what,
			   const char *key, const char **out)
{
	*out = NULL;
	if (!key)
		return CD_OK;
	*out = find(v, n, key);
	if (!*out)
		return cd_diag_set(c->d, CD_EINVAL, "demo: no %s '%s' in the demo tables", what,
				   key);
	return CD_OK;
}

static bool name_used(const struct ctx *c, const char *name)
{
	for (size_t i = 0; i < c->nnames; i++)
		if (!strcmp(c->names[i], name))
			return true;
	return false;
}

/* A fresh personal name: Han (surname + given name) or, at the org's rate, Mongolian. */
static void make_name(struct ctx *c, char *buf, size_t n)
{
	for (int tries = 0; tries < 50; tries++) {
		if (rnd(c) % 100 < c->org->mongolian_percent)
			snprintf(buf, n, "%s", mongolian_names[rnd(c) % NELEM(mongolian_names)]);
		else
			snprintf(buf, n, "%s%s", surnames[rnd(c) % NELEM(surnames)],
				 given_names[rnd(c) % NELEM(given_names)]);
		if (!name_used(c, buf))
			break;
	}
	if (c->nnames < DEMO_MAX_PEOPLE)
		snprintf(c->names[c->nnames++], sizeof(c->names[0]), "%s", buf);
}

/* add_person records a generated person of the unit with this code, keyed `key`; *code (when
 * asked) is where the person's code is remembered. */
static enum cd_err add_person(struct ctx *c, const char *key, const char *unit, const char *title,
			      const char **pcode)
{
	struct person_in p = { 0 };
	struct rec_row out;
	char code[16], name[40], phone[24], email[64], local[16];
	enum cd_err rc;
	size_t i;

	c->nperson++;
	snprintf(code, sizeof(code), "%s%04d", c->org->person_prefix, c->nperson);
	for (i = 0; code[i] && i + 1 < sizeof(local); i++)
		local[i] = (char)tolower((unsigned char)code[i]);
	local[i] = '\0';
	make_name(c, name, sizeof(name));
	snprintf(phone, sizeof(phone), "%s%04u", c->org->phone_prefix,
		 (unsigned)(rnd(c) % 10000));
	snprintf(email, sizeof(email), "%s@%s", local, c->org->mail_domain);
	p.code = code;
	p.name = name;
	p.unit = unit;
	p.title = title;
	p.phone = phone;
	p.email = email;
	rc = svc_person_add(&c->act, &p, &out);
	if (!rc)
		rc = remember(c, c->people, &c->npeople, DEMO_MAX_PEOPLE, key, code);
	if (!rc && pcode)
		*pcode = c->people[c->npeople - 1].code;
	return rc;
}

/* add_duty records a duty of the person with code `person` held for the unit or the asset with
 * that code (exactly one). */
static enum cd_err add_duty(struct ctx *c, enum role role, const char *person, const char *unit,
			    const char *asset, cd_date from, cd_date to, const char *note)
{
	struct duty_in du = { 0 };
	struct rec_row out;

	du.role = (int)role;
	du.person = person;
	du.unit = unit;
	du.asset = asset;
	du.from = from;
	du.to = to;
	du.note = note;
	return svc_duty_add(&c->act, &du, &out);
}

static enum cd_err add_units(struct ctx *c)
{
	enum cd_err rc = CD_OK;

	for (size_t i = 0; i < c->org->nunits && !rc; i++) {
		const struct unit_row *r = &c->org->units[i];
		struct unit_in u = { 0 };
		struct rec_row out;

		u.code = r->code;
		u.name = r->name;
		u.kind = (int)r->kind;
		rc = resolve(c, c->units, c->nunits, "unit", r->parent, &u.parent);
		if (!rc)
			rc = svc_unit_add(&c->act, &u, &out);
		if (!rc)
			rc = remember(c, c->units, &c->nunits, DEMO_MAX_UNITS, r->code, r->code);
	}
	return rc;
}

static enum cd_err add_named_people(struct ctx *c)
{
	enum cd_err rc = CD_OK;

	for (size_t i = 0; i < c->org->npeople && !rc; i++) {
		const struct person_row *r = &c->org->people[i];
		const char *unit;

		rc = resolve(c, c->units, c->nunits, "unit", r->unit, &unit);
		if (!rc)
			rc = add_person(c, r->key, unit, r->title, NULL);
	}
	return rc;
}

/* One generated post holder: a person keyed "UNIT/post" with the given title. */
static enum cd_err add_holder(struct ctx *c, const struct unit_row *r, const char *unit,
			      const char *post, const char *title, const char **code)
{
	char key[32];

	snprintf(key, sizeof(key), "%s/%s", r->code, post);
	return add_person(c, key, unit, title, code);
}

/* The head of a unit: first_responsible or principal (org->head_role), with its story. */
static enum cd_err staff_head(struct ctx *c, const struct unit_row *r, const char *unit)
{
	enum role role = c->org->head_role;
	char old_title[64];
	const char *old = NULL, *cur = NULL;
	enum cd_err rc;

	snprintf(old_title, sizeof(old_title), "原%s（已调任）", r->head);
	if (r->staff & STAFF_HANDOVER) {
		rc = add_holder(c, r, unit, "head-old", old_title, &old);
		if (!rc)
			rc = add_duty(c, role, old, unit, NULL, random_day(c, 5, 3),
				      date_from_ymd(c->year - 2, 6, 30), NULL);
		if (!rc)
			rc = add_holder(c, r, unit, "head", r->head, &cur);
		if (!rc)
			rc = add_duty(c, role, cur, unit, NULL, date_from_ymd(c->year - 2, 7, 1),
				      CD_DATE_NONE, "换届");
		return rc;
	}
	if (r->staff & STAFF_OVERLAP) {
		rc = add_holder(c, r, unit, "head-old", old_title, &old);
		if (!rc)
			rc = add_duty(c, role, old, unit, NULL, random_day(c, 2, 5),
				      c->today - 150, "已调任；按免职文件登记离任日期");
		if (!rc)
			rc = add_holder(c, r, unit, "head", r->head, &cur);
		if (!rc)
			rc = add_duty(c, role, cur, unit, NULL, c->today - 240, CD_DATE_NONE,
				      "按任职文件登记到任日期；交接期与原任重叠，待核实");
		return rc;
	}
	if (r->staff & STAFF_HEAD_LEFT) {
		rc = add_holder(c, r, unit, "head", old_title, &old);
		if (!rc)
			rc = add_duty(c, role, old, unit, NULL, random_day(c, 2, 5), c->today - 40,
				      "调离，尚未明确继任者");
		return rc;
	}
	rc = add_holder(c, r, unit, "head", r->head, &cur);
	if (!rc)
		rc = add_duty(c, role, cur, unit, NULL, random_day(c, 2, 5), CD_DATE_NONE, NULL);
	return rc;
}

/* Head, deputy and security officer of one unit, as its row says. */
static enum cd_err staff_unit(struct ctx *c, const struct unit_row *r)
{
	const char *unit = find(c->units, c->nunits, r->code), *id = NULL;
	enum cd_err rc = CD_OK;
	char title[64];

	if (r->head)
		rc = staff_head(c, r, unit);
	if (!rc && r->deputy) {
		bool left = r->staff & STAFF_DEPUTY_LEFT;

		if (left)
			snprintf(title, sizeof(title), "原%s（已退休）", r->deputy);
		else
			snprintf(title, sizeof(title), "%s", r->deputy);
		rc = add_holder(c, r, unit, "deputy", title, &id);
		if (!rc)
			rc = add_duty(c, c->org->deputy_role, id, unit, NULL, random_day(c, 2, 5),
				      left ? c->today - 60 : CD_DATE_NONE,
				      left ? "退休，分管网络安全工作尚未重新明确"
					   : "分管网络安全工作");
	}
	if (!rc && r->officer) {
		bool left = r->staff & STAFF_OFFICER_LEFT;

		if (left)
			snprintf(title, sizeof(title), "原%s（已调离）", r->officer);
		else
			snprintf(title, sizeof(title), "%s", r->officer);
		rc = add_holder(c, r, unit, "officer", title, &id);
		if (!rc)
			rc = add_duty(c, ROLE_SECURITY_OFFICER, id, unit, NULL, random_day(c, 2, 4),
				      left ? c->today - 90 : CD_DATE_NONE,
				      left ? "调离，尚未补任网络安全员" : NULL);
	}
	return rc;
}

static enum cd_err add_staff(struct ctx *c)
{
	enum cd_err rc = CD_OK;

	for (size_t i = 0; i < c->org->nunits && !rc; i++)
		rc = staff_unit(c, &c->org->units[i]);
	return rc;
}

/* The software a demo asset runs, by kind: sites share one site-group CMS and servers one
 * operating system, so a notice on one finds its siblings (举一反三). Generic names. */
static const char *demo_software(enum asset_kind k)
{
	switch (k) {
	case ASSET_PORTAL:
	case ASSET_NEWS_SITE:
		return "网站群内容管理系统 V5";
	case ASSET_SERVER:
		return "CentOS 7";
	default:
		return NULL;
	}
}

/* add_asset records the system `a` (every field given), with a filing number when filed. */
static enum cd_err add_asset(struct ctx *c, struct asset_in *a)
{
	struct asset_row out;
	char filing[40];
	enum cd_err rc;

	if (a->filed_on != CD_DATE_NONE) {
		c->nfiling++;
		snprintf(filing, sizeof(filing), "%s-%d%04d", c->org->filing_prefix, a->mlps_level,
			 (c->nfiling * 53 + 17) % 10000);
		a->filing_no = filing;
	}
	rc = svc_asset_add(&c->act, a, &out);
	if (!rc)
		rc = remember(c, c->assets, &c->nassets, DEMO_MAX_ASSETS, a->code, a->code);
	a->filing_no = NULL;
	return rc;
}

static enum cd_err add_table_assets(struct ctx *c)
{
	enum cd_err rc = CD_OK;

	for (size_t i = 0; i < c->org->nassets && !rc; i++) {
		const struct demo_asset *r = &c->org->assets[i];
		struct asset_in a = { 0 };

		a.code = r->code;
		a.name = r->name;
		a.kind = (int)r->kind;
		a.url = r->url;
		for (int k = 0; k < REL__MAX && !rc; k++)
			rc = resolve(c, c->units, c->nunits, "unit", r->rel[k], &a.rel[k]);
		a.maintainer = r->maintainer;
		a.mlps_level = r->level;
		a.graded_on = when_date(c, r->graded);
		a.filed_on = when_date(c, r->filed);
		a.assessed_on = when_date(c, r->assessed);
		a.assess_result = (int)r->result;
		a.cii = !!(r->flags & F_CII);
		a.internet_facing = !!(r->flags & F_NET);
		a.personal_info = !!(r->flags & F_PI);
		a.protection_installed = !!(r->flags & F_PROT);
		a.status = (int)r->status;
		a.admin_level = (r->flags & F_PREF) ? "prefecture_or_above" : NULL;
		if (r->flags & F_IMPORTANT)
			a.qual[QUAL_IMPORTANT_SYSTEM] = QUAL_YES;
		if (r->flags & F_NOT_KEY_NEWS)
			a.qual[QUAL_KEY_NEWS_SITE] = QUAL_NO;
		if (r->flags & F_NOT_LARGE)
			a.qual[QUAL_LARGE_PLATFORM] = QUAL_NO;
		a.software = demo_software(r->kind);
		if (!rc)
			rc = add_asset(c, &a);
	}
	return rc;
}

/* Each unit with a site gets its own level-1 website, run by org->site_operator. */
static enum cd_err add_site_assets(struct ctx *c)
{
	const char *op = find(c->units, c->nunits, c->org->site_operator);
	enum cd_err rc = CD_OK;

	for (size_t i = 0; i < c->org->nunits && !rc; i++) {
		const struct unit_row *r = &c->org->units[i];
		const char *unit = find(c->units, c->nunits, r->code);
		char code[48], name[128], url[96];
		struct asset_in a = { 0 };

		if (!r->site)
			continue;
		snprintf(code, sizeof(code), "WEB-%s", r->code);
		snprintf(name, sizeof(name), "%s网站", r->name);
		snprintf(url, sizeof(url), "https://%s", r->site);
		a.code = code;
		a.name = name;
		a.kind = ASSET_PORTAL;
		a.url = url;
		a.rel[REL_BUILDER] = unit;
		a.rel[REL_USER] = unit;
		a.rel[REL_MANAGER] = unit;
		a.rel[REL_OPERATOR] = op;
		a.mlps_level = 1;
		a.graded_on = random_day(c, 2, 4);
		a.filed_on = CD_DATE_NONE;
		a.assessed_on = CD_DATE_NONE;
		a.assess_result = ASSESS_NONE;
		a.cii = 0;
		a.internet_facing = 1;
		a.personal_info = 0;
		a.protection_installed = rnd(c) % 4 != 0;
		a.status = STATUS_LIVE;
		a.software = demo_software(ASSET_PORTAL);
		rc = add_asset(c, &a);
	}
	return rc;
}

static enum cd_err add_table_duties(struct ctx *c)
{
	enum cd_err rc = CD_OK;

	for (size_t i = 0; i < c->org->nduties && !rc; i++) {
		const struct duty_row *r = &c->org->duties[i];
		const char *person = NULL, *unit = NULL, *asset = NULL;

		rc = resolve(c, c->people, c->npeople, "person", r->person, &person);
		if (!rc)
			rc = resolve(c, c->units, c->nunits, "unit", r->unit, &unit);
		if (!rc)
			rc = resolve(c, c->assets, c->nassets, "asset", r->asset, &asset);
		if (!rc)
			rc = add_duty(c, r->role, person, unit, asset, when_date(c, r->from),
				      when_date(c, r->to), r->note);
	}
	return rc;
}

/* The demo fills only an empty register: codes would collide, and gaps would blur. */
static enum cd_err check_empty(struct ctx *c)
{
	struct reg *r = NULL;
	enum cd_err rc = store_reg_load(c->s, &r, c->d);
	size_t n;

	if (rc)
		return rc;
	n = r->nunits + r->npeople + r->nassets + r->nduties;
	reg_free(r);
	if (n)
		return cd_diag_set(c->d, CD_ECONFLICT,
				   "the register is not empty (%zu records); the demo fills only "
				   "a new database / 登记簿非空，演示数据只能写入新建的数据库",
				   n);
	return CD_OK;
}

static const struct org *org_for(const struct profile *p)
{
	if (p && p->id && !strcmp(p->id, "imnu-2022"))
		return &imnu_org;
	if (p && p->id && !strcmp(p->id, "yantai-fao-2021"))
		return &yantai_org;
	return &central_org;
}

void demo_login_units(const struct profile *p, const char **root, const char **unit)
{
	const struct org *o = org_for(p);

	*root = o->units[0].code;
	*unit = o->login_unit;
}

enum cd_err demo_build(struct store *s, const struct profile *p, cd_date today, struct cd_diag *d)
{
	struct ctx ctx = { 0 }; /* about 31 KiB: the key maps and the names used */
	struct ctx *c = &ctx;
	const struct policy *pol = NULL;
	struct arena *a = arena_new(0);
	enum cd_err rc = a ? policy_get(s, &pol, d) : cd_diag_set(d, CD_ENOMEM, "out of memory");
	int m, dd;

	c->s = s;
	c->org = org_for(p);
	c->d = d;
	c->today = today;
	c->rng = c->org->seed;
	c->act = (struct act){ .s = s, .pol = pol, .actor = "demo", .ip = "", .now = time(NULL),
			       .a = a, .d = d, .history = true };
	date_to_ymd(today, &c->year, &m, &dd);

	if (!rc)
		rc = store_begin(s, d);
	if (rc) {
		policy_put(pol);
		arena_free(a);
		return rc;
	}
	rc = check_empty(c);
	if (!rc)
		rc = add_units(c);
	if (!rc)
		rc = add_named_people(c);
	if (!rc)
		rc = add_staff(c);
	if (!rc)
		rc = add_table_assets(c);
	if (!rc)
		rc = add_site_assets(c);
	if (!rc)
		rc = add_table_duties(c);
	if (!rc)
		rc = store_commit(s, d);
	if (rc)
		store_rollback(s);
	policy_put(pol);
	arena_free(a);
	return rc;
}
