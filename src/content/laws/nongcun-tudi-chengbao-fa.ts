// 《中华人民共和国农村土地承包法》 as amended 2018-12-29: cited articles, verbatim.
import type { Law } from './types.ts';

export const nongcunTudiChengbaoFa: Law = {
  name: '农村土地承包法',
  fullName: '中华人民共和国农村土地承包法',
  version: '2018-12-29',
  source: 'LawRefBook/Laws 民法商法/农村土地承包法(2018-12-29).md',
  articles: {
    55: {
      title: '承包纠纷：协商、调解、仲裁、起诉',
      text: [
        '因土地承包经营发生纠纷的，双方当事人可以通过协商解决，也可以请求村民委员会、乡（镇）人民政府等调解解决。',
        '当事人不愿协商、调解或者协商、调解不成的，可以向农村土地承包仲裁机构申请仲裁，也可以直接向人民法院起诉。',
      ],
    },
  },
};
