-- signin.lua — wrk -s bench/signin.lua: a sign-in storm for bench/signin. Every request is a
-- sign-in with the right password of a business account (BENCH_NAME, BENCH_PASSWORD), so each
-- costs one argon2id verification and a new session — the most a storm can make the server
-- spend. The status of each answer is counted: done() prints "sign-ins: 201 N, 429 M, other K".
local name = os.getenv("BENCH_NAME") or "officer"
local password = os.getenv("BENCH_PASSWORD") or ""

local threads = {}
function setup(thread)
	table.insert(threads, thread)
end

ok, throttled, other = 0, 0, 0

function init(args)
	wrk.method = "POST"
	wrk.headers["Content-Type"] = "application/json"
	wrk.body = string.format('{"name":"%s","password":"%s"}', name, password)
end

function response(status, headers, body)
	if status == 201 then
		ok = ok + 1
	elseif status == 429 then
		throttled = throttled + 1
	else
		other = other + 1
	end
end

function done(summary, latency, requests)
	local a, b, c = 0, 0, 0
	for _, t in ipairs(threads) do
		a = a + t:get("ok")
		b = b + t:get("throttled")
		c = c + t:get("other")
	end
	io.write(string.format("sign-ins: 201 %d, 429 %d, other %d\n", a, b, c))
end
