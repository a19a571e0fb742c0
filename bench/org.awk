# org.awk — writes a realistic university as the four import CSVs into directory DIR, for the
# HTTP benchmark (bench/http):   awk -v DIR=out -v ASSETS=100000 -f org.awk
# DEPTS (30) and SUBS (10, sub-units per department) size the tree: bench/doc's organisation of
# 100 units is -v DEPTS=24 -v SUBS=3.
# Units: the party committee (ROOT), its leading group, the group's office and the information
# centre, 30 departments and 10 sub-units under each (334 in all). People: the first and direct
# responsible and the security officer of each unit, with some changes of holder and some gaps.
# Assets: ASSETS systems spread unevenly over the units, of every kind, MLPS level and status,
# one in ten with a custodian. Deterministic (a fixed-seed Lehmer generator), so every run
# measures the same data.
function rnd(n) { seed = (seed * 16807) % 2147483647; return seed % n }
function unit(code, name, parent, kind) {
	printf "%s,%s,%s,%s\n", code, name, parent, kind > U
	ucode[++nunits] = code; uname[nunits] = name
}
# holders CODE TITLE1 TITLE2 — the unit's three responsible people and their duties; every 9th
# unit changed its first responsible person, every 17th has no security officer.
function holders(c, t1, t2, k) {
	printf "%s-1,%s,%s,%s,%s\n", c, surname[rnd(20) + 1] "某" (k % 7 + 1), c, t1, "" > P
	printf "%s-2,%s,%s,%s,%s\n", c, surname[rnd(20) + 1] "某" (k % 5 + 2), c, t2, "" > P
	printf "%s-1,first_responsible,%s,,2021-01-01,\n", c, c > D
	printf "%s-2,direct_responsible,%s,,2021-03-01,\n", c, c > D
	if (k % 9 == 0) {
		printf "%s-0,%s,%s,原%s,\n", c, surname[rnd(20) + 1] "某" (k % 3 + 1), c, t1 > P
		printf "%s-0,first_responsible,%s,,2018-01-01,2020-12-31\n", c, c > D
	}
	if (k % 17) {
		printf "%s-3,%s,%s,网络安全员,%s\n", c, surname[rnd(20) + 1] "某" (k % 4 + 3), c, \
			tolower(c) "@example.edu.cn" > P
		printf "%s-3,security_officer,%s,,2022-09-01,\n", c, c > D
		officer[c] = 1
	}
}
function day(y, m, d) { return sprintf("%04d-%02d-%02d", y, m, d) }
BEGIN {
	if (!ASSETS) ASSETS = 100000
	if (!DEPTS) DEPTS = 30
	if (SUBS == "") SUBS = 10
	seed = 20261121
	U = DIR "/units.csv"; P = DIR "/people.csv"; D = DIR "/duties.csv"; A = DIR "/assets.csv"
	split("王 李 张 刘 陈 杨 赵 黄 周 吴 徐 孙 胡 朱 高 林 何 郭 马 罗", surname, " ")
	split("党委办公室 校长办公室 组织部 宣传部 统战部 学生工作部 教务处 科研处 人事处 财务处 " \
	      "国有资产管理处 后勤管理处 保卫处 图书馆 研究生院 国际交流合作处 文学院 历史文化学院 " \
	      "数学科学学院 物理与电子信息学院 化学与环境科学学院 生命科学与技术学院 计算机科学技术学院 " \
	      "经济管理学院 法政学院 外国语学院 教育科学学院 美术学院 音乐学院 体育学院", dept, " ")
	split("综合办公室 教学办公室 科研办公室 学生办公室 实验中心 第一系 第二系 第三系 第四系 第五系",
	      subname, " ")
	print "code,name,parent,kind" > U
	print "code,name,unit,title,email" > P
	print "person,role,unit,asset,from,to" > D
	unit("ROOT", "中共示例大学委员会", "", "party_committee")
	unit("WXW", "网络安全和信息化委员会", "ROOT", "leading_group")
	unit("WXB", "网络安全和信息化委员会办公室", "WXW", "leading_group_office")
	unit("XXZX", "信息化建设与管理中心", "ROOT", "tech_support_centre")
	holders("ROOT", "党委书记", "分管副校长", 1)
	holders("WXB", "主任", "副主任", 2)
	holders("XXZX", "主任", "副主任", 3)
	for (i = 1; i <= DEPTS; i++) {
		c = sprintf("D%02d", i)
		unit(c, dept[i], "ROOT", "department")
		holders(c, i <= 16 ? "处长" : "党委书记", i <= 16 ? "副处长" : "副院长", i + 3)
		for (j = 1; j <= SUBS; j++) {
			s = sprintf("D%02d-%02d", i, j)
			unit(s, dept[i] subname[j], c, "department")
			holders(s, "主任", "副主任", i * 10 + j)
		}
	}

	# assets: a unit's share grows with its index in a block of 11 (a department and its
	# sub-units), and the administrative departments (D01–D16) hold twice as many
	n = split("info_system info_system info_system info_system server server server platform " \
		  "portal news_site publicity_platform infrastructure", kinds, " ")
	split("info_system 管理系统 server 服务器 platform 服务平台 portal 门户网站 news_site 新闻网 " \
	      "publicity_platform 公众号 infrastructure 机房网络", l, " ")
	for (i = 1; i < 14; i += 2) label[l[i]] = l[i + 1]
	split("网站群内容管理系统 V5|统一身份认证 V3|协同办公系统 V9|教务管理系统 V6|" \
	      "科研管理系统 V2|财务核算系统 V11|一卡通平台 V4|邮件系统 V8|数据中台 V1|" \
	      "虚拟化平台 V7||", software, "|")
	split("示例网络科技有限公司|某某信息技术股份有限公司|某某软件有限公司", vendor, "|")
	for (k = 5; k <= nunits; k++) {
		w = (k - 5) % (SUBS + 1) + 1
		if (substr(ucode[k], 2, 2) + 0 <= 16) w *= 2
		weight[k] = w; total += w
	}
	print "code,name,kind,url,builder_unit,user_unit,manager_unit,operator_unit,maintainer," \
	      "mlps_level,graded_on,filing_no,filed_on,assessed_on,assess_result,cii," \
	      "internet_facing,personal_info,protection_installed,status,software" > A
	k = 5; left = 0
	for (i = 1; i <= ASSETS; i++) {
		# spread: ASSETS * weight / total assets per unit, the last unit takes the rest
		while (left <= 0 && k <= nunits) {
			left = int(ASSETS * weight[k] / total + 0.5); u = ucode[k]; un = uname[k]; k++
		}
		if (k > nunits && left <= 0) left = 1
		left--
		kind = kinds[rnd(n) + 1]
		code = sprintf("A%06d", i)
		web = kind == "portal" || kind == "news_site" || kind == "publicity_platform"
		url = web ? sprintf("https://%s.example.edu.cn", tolower(code)) : \
		      kind == "server" ? sprintf("10.%d.%d.%d", 16 + rnd(16), rnd(256), 1 + rnd(254)) : ""
		r = rnd(100)
		lvl = r < 45 ? 0 : r < 50 ? 1 : r < 84 ? 2 : r < 99 ? 3 : 4
		if (web && lvl < 2) lvl = 2
		graded = filed = fno = assessed = result = ""
		if (lvl) {
			gy = 2017 + rnd(9); gm = 1 + rnd(12)
			graded = day(gy, gm, 1 + rnd(14))
			if (rnd(100) >= 8) {
				filed = day(gy, gm, 15 + rnd(14))
				fno = sprintf("15010099%03d-%05d", gy % 1000, i % 100000)
			}
			if (lvl >= 3 && rnd(100) >= 10) {
				ay = gy + 1 + rnd(3); if (ay > 2026) ay = 2026
				assessed = day(ay, 1 + rnd(12), 1 + rnd(28))
				result = rnd(10) < 6 ? "pass" : rnd(4) ? "basic" : "fail"
			}
		}
		r = rnd(1000)
		status = r < 850 ? "live" : r < 900 ? "building" : r < 930 ? "planned" : "retired"
		# 谁主管 / 谁运维 / 谁使用: the owning unit manages and uses it, the information centre runs
		# most of it; three in a thousand name no unit at all (a gap `check` reports)
		mgr = usr = u; op = rnd(10) < 6 ? "XXZX" : u; bld = rnd(10) < 3 ? "XXZX" : ""
		if (rnd(1000) < 3) mgr = usr = op = bld = ""
		printf "%s,%s%s%d,%s,%s,%s,%s,%s,%s,%s,%d,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n",
			code, un, label[kind], i, kind, url, bld, usr, mgr, op,
			rnd(10) < 3 ? vendor[rnd(3) + 1] : "", lvl, graded, fno, filed, assessed, result,
			rnd(500) == 0 ? "是" : "否", web || rnd(10) == 0 ? "是" : "否",
			rnd(3) == 0 ? "是" : "否", kind == "server" && rnd(5) ? "是" : "否", status,
			software[rnd(12) + 1] > A
		if (i % 10 == 0 && officer[u])
			printf "%s-3,asset_custodian,,%s,2023-01-01,\n", u, code > D
	}
}
