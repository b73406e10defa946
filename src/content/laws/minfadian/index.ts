// 《中华人民共和国民法典》, adopted 2020-05-28. Split by 编 only to keep files small.
import type { Law } from '../types.ts';
import { hetong } from './hetong.ts';
import { hunyinJicheng } from './hunyin-jicheng.ts';
import { qinquan } from './qinquan.ts';
import { zongzeWuquan } from './zongze-wuquan.ts';

export const minfadian: Law = {
  name: '民法典',
  fullName: '中华人民共和国民法典',
  version: '2020-05-28',
  source: 'LawRefBook/Laws 民法商法/民法典.md',
  articles: { ...zongzeWuquan, ...hetong, ...hunyinJicheng, ...qinquan },
};
