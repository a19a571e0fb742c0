-- write.lua — wrk -s bench/write.lua: the writes of the daily work, for bench/work.
-- Configured from the environment:
--   BENCH_WRITE   notices | records | incidents | events | steps
--   BENCH_TOKEN   the Bearer token (office role at the root unit)
--   BENCH_TAG     a tag unique to this run, so that codes never repeat across runs
--   BENCH_ASSETS  how many assets the register holds (codes A000001 …)
--   BENCH_IDS     events: a file of open incident ids; steps: of notice ids still received
--   BENCH_CONNS   connections per wrk thread (steps: how far apart a notice's steps are sent)
--   BENCH_RECORD_KIND   records: the kind written (meeting)
--   BENCH_RECORD_UNITS  records: of how many of the units D01, D02 … in turn (30)
-- Every body is unique (the thread's number and its own counter). The status of each answer
-- is counted: done() prints "writes: 2xx N, non-2xx M" and the first refusal, and bench/work
-- refuses a run with refusals — a write bench whose writes fail measures nothing.
-- steps: each thread walks its own share of the notices through start, rectify, feedback and
-- verify, in blocks of notices so that a step is sent long after the one before it on the same
-- notice (one connection could otherwise overtake another); when its share runs out the thread
-- stops and says so ("exhausted").
local kind = os.getenv("BENCH_WRITE") or "records"
local token = os.getenv("BENCH_TOKEN") or ""
local tag = os.getenv("BENCH_TAG") or "0"
local nassets = tonumber(os.getenv("BENCH_ASSETS") or "100000")
local conns = tonumber(os.getenv("BENCH_CONNS") or "16")
local record_kind = os.getenv("BENCH_RECORD_KIND") or "meeting"
local record_units = tonumber(os.getenv("BENCH_RECORD_UNITS") or "30")

local threads = {}
function setup(thread)
	table.insert(threads, thread)
	thread:set("tid", #threads)
end

local headers = {
	["Authorization"] = "Bearer " .. token,
	["Content-Type"] = "application/json",
}
local n = 0
ok, bad, exhausted, first = 0, 0, 0, ""
local ids, plan = {}, {}
local steps = { "start", "rectify", "feedback", "verify" }

local function asset(i)
	return string.format("A%06d", (i * 7919 + tid * 104729) % nassets + 1)
end

function init(args)
	local path = os.getenv("BENCH_IDS")
	local all = {}
	if path and path ~= "" then
		for line in io.lines(path) do
			if line ~= "" then table.insert(all, line) end
		end
	end
	local nt = tonumber(os.getenv("BENCH_WRK_THREADS") or "1")
	for i, v in ipairs(all) do
		if kind ~= "steps" or (i - 1) % nt == tid - 1 then table.insert(ids, v) end
	end
	if kind == "steps" then
		-- blocks of B notices: start for each, then rectify for each, … — B at least 256, so that a
		-- notice's next step is sent hundreds of requests after the one before it (a step still in
		-- flight on another connection when its next one arrives is refused 409, rightly)
		local B = math.max(conns * 8, 256)
		for b = 1, #ids, B do
			for _, s in ipairs(steps) do
				for j = b, math.min(b + B - 1, #ids) do
					table.insert(plan, { ids[j], s })
				end
			end
		end
	end
end

function request()
	n = n + 1
	local u = tag .. "-" .. tid .. "-" .. n
	if kind == "notices" then
		return wrk.format("POST", "/api/v1/notices", headers, string.format(
			'{"code":"BN-%s","authority":"基准通报单位","assets":["%s"],"category":"弱口令",' ..
			'"text":"经检测存在弱口令问题，请整改并反馈（%s）。"}', u, asset(n), u))
	elseif kind == "records" then
		return wrk.format("POST", "/api/v1/records", headers, string.format(
			'{"kind":"%s","unit":"D%02d","on":"2026-11-02","duty":null,"period":"2026",' ..
			'"title":"网络安全工作会议 %s","participants":"本单位负责人、网络安全员"}',
			record_kind, (n + tid) % record_units + 1, u))
	elseif kind == "incidents" then
		return wrk.format("POST", "/api/v1/incidents", headers, string.format(
			'{"code":"BI-%s","title":"基准事件 %s","assets":["%s"],' ..
			'"detected_at":"2026-11-20T10:00:00+08:00"}', u, u, asset(n)))
	elseif kind == "events" then
		local id = ids[(n * 31 + tid) % #ids + 1]
		return wrk.format("POST", "/api/v1/incidents/" .. id .. "/events", headers, string.format(
			'{"kind":"step","note":"处置步骤 %s","by":"信息中心"}', u))
	elseif kind == "steps" then
		local p = plan[n]
		if not p then
			exhausted = 1
			wrk.thread:stop()
			p = plan[#plan] -- never answered: the thread is stopping
		end
		return wrk.format("POST", "/api/v1/notices/" .. p[1] .. "/" .. p[2], headers,
			string.format('{"by":"信息中心","note":"%s %s"}', p[2], u))
	end
	error("BENCH_WRITE=" .. kind .. ": give notices, records, incidents, events or steps")
end

function response(status, headers, body)
	if status >= 200 and status < 300 then
		ok = ok + 1
	else
		bad = bad + 1
		if first == "" then first = status .. " " .. string.sub(body or "", 1, 300) end
	end
end

function done(summary, latency, requests)
	local o, b, e, f = 0, 0, 0, ""
	for _, t in ipairs(threads) do
		o = o + (t:get("ok") or 0)
		b = b + (t:get("bad") or 0)
		e = e + (t:get("exhausted") or 0)
		local tf = t:get("first") or ""
		if f == "" then f = tf end
	end
	io.write(string.format("writes: 2xx %d, non-2xx %d, threads exhausted %d\n", o, b, e))
	if f ~= "" then io.write("first refusal: " .. f .. "\n") end
end
