/**
 * The page's only stylesheet, inlined so the first paint needs no second request. Colours follow
 * the system's light or dark theme; one column below 820 px, so a 360 px phone reads it.
 */
export const STYLE = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--link:#0550ae;--mark:#fff3a3;--panel:#f6f8fa;
--c0:#0969da;--c1:#1a7f37;--c2:#bc4c00;--c3:#8250df;--c4:#bf3989;--c5:#6e7781;--c6:#9a6700;--c7:#0a7c8a}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--link:#6cb6ff;--mark:#6b5a00;--panel:#151b23;
--c0:#4493f8;--c1:#3fb950;--c2:#f0883e;--c3:#ab7df8;--c4:#f778ba;--c5:#9198a1;--c6:#d29922;--c7:#39c5cf}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans","PingFang SC","Microsoft YaHei",sans-serif}
a{color:var(--link)}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:var(--bg);padding:4px 8px;z-index:2}
header,main,footer{max-width:1200px;margin:0 auto;padding:0 16px}
header{padding-top:16px}h1{font-size:1.6rem;margin:0 0 4px}
.top-links{display:flex;flex-wrap:wrap;gap:4px 16px;padding:0;list-style:none;margin:8px 0}
details.news,details.structure{margin:8px 0}details.structure img{display:block;max-width:100%;height:auto;margin-top:6px}details.news ul{margin:4px 0;padding-left:20px;font-size:.95rem}
.chart-box{margin:12px 0;padding:8px;border:1px solid var(--line);border-radius:6px;background:var(--panel)}
.chart-box figcaption small{color:var(--muted)}
svg.chart{width:100%;max-width:760px;height:auto;display:block}
svg.chart .grid{stroke:var(--line);stroke-width:1}svg.chart .axis{fill:var(--muted);font-size:11px}
svg.chart a:hover rect,svg.chart a:focus rect{opacity:.7;stroke:var(--fg);stroke-width:1}
.c0{fill:var(--c0);background:var(--c0)}.c1{fill:var(--c1);background:var(--c1)}.c2{fill:var(--c2);background:var(--c2)}.c3{fill:var(--c3);background:var(--c3)}
.c4{fill:var(--c4);background:var(--c4)}.c5{fill:var(--c5);background:var(--c5)}.c6{fill:var(--c6);background:var(--c6)}.c7{fill:var(--c7);background:var(--c7)}
.legend{display:flex;flex-wrap:wrap;gap:4px 14px;list-style:none;margin:6px 0 0;padding:0;font-size:.9rem}
.swatch{display:inline-block;width:.8em;height:.8em;margin-right:4px;border-radius:2px;vertical-align:baseline}
#controls{display:flex;flex-wrap:wrap;gap:8px 12px;align-items:end;padding:10px;border:1px solid var(--line);border-radius:6px;background:var(--panel);position:sticky;top:0;z-index:1}
#controls label{display:flex;flex-direction:column;font-size:.85rem;color:var(--muted)}
#controls .q{flex:1 1 240px}
input,select,button{font:inherit;color:var(--fg);background:var(--bg);border:1px solid var(--line);border-radius:6px;padding:4px 8px;min-height:36px}
button{cursor:pointer}
.no-js #controls,.no-js .actions button{display:none}
#count{font-weight:600;margin:8px 0}
.layout{display:grid;grid-template-columns:260px minmax(0,1fr);gap:24px}
#cats{font-size:.92rem;position:sticky;top:72px;align-self:start;max-height:calc(100vh - 90px);overflow:auto}
#cats ul{list-style:none;padding-left:12px;margin:0}#cats>ul{padding-left:0}
#cats a{text-decoration:none;display:inline-block;padding:2px 0}#cats a[aria-current=true]{font-weight:700;text-decoration:underline}
#cats .n{color:var(--muted)}
#papers h2{font-size:1.35rem;border-bottom:1px solid var(--line);margin:20px 0 8px}#papers h3{font-size:1.1rem;margin:16px 0 6px}
ul.list,ol.list{padding-left:20px;margin:0}
.paper{margin:0 0 8px;content-visibility:auto;contain-intrinsic-size:auto 4.5em}.paper .t{font-weight:600}.paper .v{font-style:italic}
.actions{font-size:.85rem;white-space:nowrap}.actions button{margin-left:6px}.actions a{margin-left:2px}
.actions button{min-height:28px;padding:0 6px;font-size:.8rem}
mark{background:var(--mark);color:inherit;padding:0}
[hidden]{display:none!important}
footer{color:var(--muted);font-size:.9rem;padding:24px 16px}
@media (max-width:820px){.layout{display:block}#cats{position:static;max-height:9.5em;border:1px solid var(--line);border-radius:6px;padding:4px 8px;margin-bottom:8px}#controls{position:static}.actions{white-space:normal}}
@media print{#controls,.chart-box,#cats,.actions button{display:none}}
`;
