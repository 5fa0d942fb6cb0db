import json,glob,re,opencc,os,sys
t2s=opencc.OpenCC('tw2s')
bad=0
for g in sorted(glob.glob(os.path.join(os.path.dirname(__file__),'text','*.jsonl'))):
    recs=[json.loads(l) for l in open(g)]
    lines=open(os.path.join(os.path.dirname(g),recs[0]['doc']),encoding='utf-8').read().split('\n')
    for r in recs:
        if r['record']!='indicator': continue
        seg=''.join(lines[r['line_start']-1:r['line_end']])
        if 'traditional' in g: seg=t2s.convert(seg)
        seg=re.sub(r'[\s"|,]','',seg)
        for k in ('name','value_text'):
            v=re.sub(r'[,]','',r[k])
            if v not in seg:
                bad+=1; print('MISS',r['doc'],k,r[k],'|',seg[:80])
print('bad',bad)
