-- 0018_asset_qualifiers.sql — the qualifiers of a system the policies speak of, each an
-- attribute of the asset (docs/incidents.md "Qualifiers", issue 12 item 2): 党政机关门户网站 and
-- 重点新闻网站 (central 第八条（一）（二）), 大型网络平台 (central 第八条（一）), 主要服务器、重要系统
-- (Yantai 八（一）（二）（四）), 重要信息基础设施 (IMNU 第十四条（四）). 1 yes, 0 no, NULL not
-- recorded: the engine derives it (a portal of a party or government organ, MLPS level ≥ 3 or
-- CII …) or asks a person.

ALTER TABLE asset ADD COLUMN party_gov_portal INTEGER CHECK (party_gov_portal IN (0, 1));
ALTER TABLE asset ADD COLUMN key_news_site INTEGER CHECK (key_news_site IN (0, 1));
ALTER TABLE asset ADD COLUMN large_platform INTEGER CHECK (large_platform IN (0, 1));
ALTER TABLE asset ADD COLUMN important_system INTEGER CHECK (important_system IN (0, 1));
ALTER TABLE asset ADD COLUMN important_infrastructure INTEGER
	CHECK (important_infrastructure IN (0, 1));
