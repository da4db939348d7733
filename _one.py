import sys
from benchmarks.verify.claims import read_claims, judge
ids = set(sys.argv[1:])
cl = [c for c in read_claims() if c.id in ids]
for cid, (st, fs) in judge(cl).items():
    print(cid, st)
    for f in fs: print("  ", f.check, f.status, f.message[:300]); [print("     ev:", e.speaker, e.text[:300]) for e in f.evidence]
