// Made-up articles, one per input format, that a new analysis worker runs before it says it is ready:
// the first real article then finds every table loaded and every code path compiled. (Written for
// this purpose; not taken from any real article.)
export const WARM_UP = [
  {
    name: 'warm-up.html',
    text: `<!doctype html><html><head><meta charset="utf-8"><title>王毅同新西兰外长通电话_国际新闻</title>
<meta name="publishdate" content="2024-03-05 20:15:00"></head><body><div class="nav">首页 | 国际 | 评论</div>
<article><h1>王毅同新西兰外长通电话</h1><p class="info">2024-03-05 来源：新华网</p>
<p>新华社北京3月5日电 2024年3月5日，中共中央政治局委员、外交部长王毅应约同新西兰外长彼得斯通电话。</p>
<p>王毅表示，中方愿同新方一道，落实两国领导人重要共识，深化经贸、教育、气候变化等领域务实合作。</p>
<p>彼得斯表示，新方坚持一个中国政策，愿同中方加强在联合国等多边机制中的沟通协调。</p>
<p>双方还就乌克兰危机等共同关心的国际和地区问题交换了意见。</p></article>
<div class="related"><a href="/a.html">相关新闻一</a><a href="/b.html">相关新闻二</a></div></body></html>`,
  },
  {
    name: 'warm-up.md',
    text: `---
title: '习近平会见法国总统马克龙'
date: 2024-05-06T18:00:00+08:00
author: 本网记者
tags: [外交, 欧洲]
---

**新华社巴黎5月6日电** 当地时间5月6日，国家主席习近平在巴黎爱丽舍宫同法国总统马克龙举行会谈。

习近平指出，中法关系具有战略意义和世界影响，双方要坚持独立自主，深化战略互信。

马克龙表示，法方愿同中方加强在航空、核能、农业等领域合作，共同应对全球性挑战。

- 双方签署了多项合作文件
- 双方同意加强人文交流
`,
  },
  {
    name: 'warm-up.txt',
    text: `李強會見巴西外長
新華社北京6月12日電 6月12日，國務院總理李強在人民大會堂會見巴西外長維埃拉。
李強表示，中方願同巴方加強發展戰略對接，拓展貿易、投資、綠色能源等領域合作。
維埃拉表示，巴方高度重視對華關係，期待雙方在金磚國家等框架內密切協作。`,
  },
];
