-- One sign-in attempt, checked and counted atomically across every chat process.
-- Three scopes, each a counter (attempts within the window) and a lock (a key whose PTTL is the
-- wait): the e-mail and address together, the e-mail, the address.
-- While any scope is locked the attempt is refused, the password is not checked and nothing is
-- counted. Otherwise the attempt counts in every scope before the password is checked (so a burst
-- of parallel attempts cannot all pass while the first ones are still being checked); past its
-- free attempts, a scope locks for base * 2^(n - free - 1) ms, at most cap ms. A successful
-- sign-in takes its attempt back (login-throttle.ts).
-- KEYS: count and lock of each scope, in scope order.
-- ARGV: window ms, then free attempts, base ms and cap ms of each scope, in scope order.
-- Returns {allowed, waitMs, waitScope, lockedScope, lockMs} (scopes numbered 1..3, 0 for none).
local window = tonumber(ARGV[1])
local wait, waitScope = 0, 0
for i = 0, 2 do
  local ttl = redis.call('PTTL', KEYS[2 + i * 2])
  if ttl > wait then
    wait = ttl
    waitScope = i + 1
  end
end
if wait > 0 then return {0, wait, waitScope, 0, 0} end

local lockedScope, lockMs = 0, 0
for i = 0, 2 do
  local count = redis.call('INCR', KEYS[1 + i * 2])
  if count == 1 then redis.call('PEXPIRE', KEYS[1 + i * 2], window) end
  local free = tonumber(ARGV[2 + i * 3])
  if count > free then
    local exponent = math.min(count - free - 1, 40)
    local delay = math.floor(math.min(tonumber(ARGV[3 + i * 3]) * 2 ^ exponent, tonumber(ARGV[4 + i * 3])))
    redis.call('SET', KEYS[2 + i * 2], '1', 'PX', delay)
    if delay > lockMs then
      lockedScope = i + 1
      lockMs = delay
    end
  end
end
return {1, 0, 0, lockedScope, lockMs}
