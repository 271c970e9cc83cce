-- script.lua - the Lua benchmark's script (bench/run runs it with Lua built
-- from Debian's source package): a CPU-bound mix of what scripts do, calls and
-- closures, tables as arrays and hashes, string building and matching, sorting
-- with a comparison function and floating point. Deterministic (its own
-- random generator, no clock, no addresses); prints one checksum line.

local seed = 12345
local function rand(n) -- a 31-bit LCG: the same numbers everywhere
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed % n
end

local function fib(n)
  if n < 2 then return n end
  return fib(n - 1) + fib(n - 2)
end

local function sieve(n)
  local composite, count = {}, 0
  for i = 2, n do
    if not composite[i] then
      count = count + 1
      for j = i * i, n, i do composite[j] = true end
    end
  end
  return count
end

local function words(n)
  local syll = { "fer", "ry", "ri", "sc", "five", "lu", "a", "gu", "est", "ho", "st" }
  local freq, list = {}, {}
  for _ = 1, n do
    local w = {}
    for k = 1, 1 + rand(3) do w[k] = syll[1 + rand(#syll)] end
    local s = table.concat(w)
    if not freq[s] then list[#list + 1] = s end
    freq[s] = (freq[s] or 0) + 1
  end
  table.sort(list, function(a, b)
    if freq[a] ~= freq[b] then return freq[a] > freq[b] end
    return a < b
  end)
  local h = 0
  for i, s in ipairs(list) do h = (h * 31 + #s * i + freq[s]) % 1000000007 end
  return h, #list
end

local function text(n)
  local parts = {}
  for i = 1, n do
    parts[#parts + 1] = string.format("%d:%x;", i * 7, i * 13)
  end
  local s = table.concat(parts)
  local sum = 0
  for a, b in s:gmatch("(%d+):(%x+);") do sum = sum + tonumber(a) + tonumber(b, 16) end
  local replaced, count = s:gsub("7", "seven")
  return (sum + #replaced + count) % 1000000007
end

local Vec = {}
Vec.__index = Vec
function Vec.new(x, y) return setmetatable({ x = x, y = y }, Vec) end
function Vec.__add(a, b) return Vec.new(a.x + b.x, a.y + b.y) end
function Vec:scale(k) return Vec.new(self.x * k, self.y * k) end
function Vec:len() return math.sqrt(self.x * self.x + self.y * self.y) end

local function objects(n)
  local acc = Vec.new(0, 0)
  for i = 1, n do
    acc = acc + Vec.new(i % 7, i % 11):scale(0.5)
    if acc:len() > 1000 then acc = acc:scale(0.001) end
  end
  return acc.x + acc.y
end

local function mandel(size)
  local inside = 0
  for py = 0, size - 1 do
    for px = 0, size - 1 do
      local cr, ci = 2.5 * px / size - 2.0, 2.0 * py / size - 1.0
      local zr, zi, k = 0.0, 0.0, 0
      while k < 50 and zr * zr + zi * zi < 4.0 do
        zr, zi = zr * zr - zi * zi + cr, 2.0 * zr * zi + ci
        k = k + 1
      end
      if k == 50 then inside = inside + 1 end
    end
  end
  return inside
end

local function closures(n)
  local fs = {}
  for i = 1, 100 do fs[i] = function(x) return (x * i + 1) % 65521 end end
  local v = 1
  for i = 1, n do v = fs[1 + i % 100](v) end
  return v
end

local r = {}
r[#r + 1] = fib(27)
r[#r + 1] = sieve(400000)
local wh, wn = words(60000)
r[#r + 1] = wh
r[#r + 1] = wn
r[#r + 1] = text(40000)
r[#r + 1] = string.format("%.6f", objects(200000))
r[#r + 1] = mandel(120)
r[#r + 1] = closures(300000)
print("lua: " .. table.concat(r, " "))
