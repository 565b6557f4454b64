-- A successful sign-in takes back the attempt login-attempt.lua counted for it: the e-mail and
-- address pair starts afresh (its counter and lock go), the e-mail's and the address's counters
-- drop by one (a lock they are under stays: it guards against whoever else is guessing).
-- KEYS: the pair's count and lock, the e-mail's count, the address's count.
redis.call('DEL', KEYS[1], KEYS[2])
for i = 3, 4 do
  if tonumber(redis.call('GET', KEYS[i]) or '0') > 0 then redis.call('DECR', KEYS[i]) end
end
return 1
