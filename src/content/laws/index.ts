// The law table: every statute version the guides may cite. Add a law here (and only here) when
// a guide needs it; the citation checker looks laws up by name + version through this list.
import { cunminWeiyuanhuiZuzhiFa } from './cunmin-weiyuanhui-zuzhi-fa.ts';
import { daoluJiaotongAnquanFa } from './daolu-jiaotong-anquan-fa.ts';
import { fanJiatingBaoliFa } from './fan-jiating-baoli-fa.ts';
import { laodongZhengyiTiaojieZhongcaiFa } from './laodong-zhengyi-tiaojie-zhongcai-fa.ts';
import { laonianrenQuanyiBaozhangFa } from './laonianren-quanyi-baozhang-fa.ts';
import { minfadian } from './minfadian/index.ts';
import { minshiSusongFa } from './minshi-susong-fa.ts';
import { nongcunTudiChengbaoFa } from './nongcun-tudi-chengbao-fa.ts';
import { nongmingongGongziTiaoli } from './nongmingong-gongzi-tiaoli.ts';
import { renminTiaojieFa } from './renmin-tiaojie-fa.ts';
import { tudiChengbaoJiufenTiaojieZhongcaiFa } from './tudi-chengbao-jiufen-tiaojie-zhongcai-fa.ts';
import { tudiGuanliFa } from './tudi-guanli-fa.ts';
import { lawKey, type Law, type LawArticle } from './types.ts';

export type { Law, LawArticle } from './types.ts';
export { lawKey } from './types.ts';

export const laws: readonly Law[] = [
  minfadian,
  renminTiaojieFa,
  minshiSusongFa,
  laodongZhengyiTiaojieZhongcaiFa,
  nongmingongGongziTiaoli,
  tudiGuanliFa,
  nongcunTudiChengbaoFa,
  tudiChengbaoJiufenTiaojieZhongcaiFa,
  laonianrenQuanyiBaozhangFa,
  fanJiatingBaoliFa,
  daoluJiaotongAnquanFa,
  cunminWeiyuanhuiZuzhiFa,
];

const byKey = new Map(laws.map((law) => [lawKey(law.name, law.version), law]));

export function findLaw(name: string, version: string): Law | undefined {
  return byKey.get(lawKey(name, version));
}

export function findArticle(name: string, version: string, article: number): LawArticle | undefined {
  return findLaw(name, version)?.articles[article];
}
