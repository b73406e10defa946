// 《中华人民共和国农村土地承包经营纠纷调解仲裁法》 (2009-06-27): cited articles, verbatim.
import type { Law } from './types.ts';

export const tudiChengbaoJiufenTiaojieZhongcaiFa: Law = {
  name: '农村土地承包经营纠纷调解仲裁法',
  fullName: '中华人民共和国农村土地承包经营纠纷调解仲裁法',
  version: '2009-06-27',
  source: 'LawRefBook/Laws 诉讼与非诉讼程序法/农村土地承包经营纠纷调解仲裁法(2009-06-27).md',
  articles: {
    3: {
      title: '可以和解，也可以请村委会、乡镇调解',
      text: ['发生农村土地承包经营纠纷的，当事人可以自行和解，也可以请求村民委员会、乡（镇）人民政府等调解。'],
    },
    4: {
      title: '调解不成可仲裁或起诉',
      text: ['当事人和解、调解不成或者不愿和解、调解的，可以向农村土地承包仲裁委员会申请仲裁，也可以直接向人民法院起诉。'],
    },
    18: {
      title: '仲裁时效二年',
      text: ['农村土地承包经营纠纷申请仲裁的时效期间为二年，自当事人知道或者应当知道其权利被侵害之日起计算。'],
    },
  },
};
