const fs=require('fs');const dir='/tmp/h2/prof';const f=fs.readdirSync(dir).sort().pop();
const p=JSON.parse(fs.readFileSync(dir+'/'+f));const self=new Map();const total=new Map();
const dt=p.timeDeltas;const byId=new Map(p.nodes.map(n=>[n.id,n]));
const parent=new Map();p.nodes.forEach(n=>(n.children||[]).forEach(c=>parent.set(c,n.id)));
p.samples.forEach((id,i)=>{const n=byId.get(id);const k=n.callFrame.functionName+':'+n.callFrame.lineNumber;self.set(k,(self.get(k)||0)+(dt[i]||0));
 const seen=new Set();for(let x=id;x!==undefined;x=parent.get(x)){const m=byId.get(x);const kk=m.callFrame.functionName+':'+m.callFrame.lineNumber;if(seen.has(kk))continue;seen.add(kk);total.set(kk,(total.get(kk)||0)+(dt[i]||0));}});
console.log('SELF');console.log([...self.entries()].sort((a,b)=>b[1]-a[1]).slice(0,12).map(([k,v])=>(v/1000).toFixed(0)+'ms '+k).join('\n'));
console.log('TOTAL');console.log([...total.entries()].filter(([k])=>!k.startsWith(':')).sort((a,b)=>b[1]-a[1]).slice(0,30).map(([k,v])=>(v/1000).toFixed(0)+'ms '+k).join('\n'));
