"""Text normalisation before matching, so an essay scores the same however it was saved.

Every replacement is one character for one character, except that zero-width characters
are removed and CRLF becomes LF; line numbers are therefore never changed, and columns
count the characters a reader sees.
"""

from __future__ import annotations

import unicodedata

_TABLE: dict[int, str | None] = {}
# Full-width letters and digits (Ａ, ９) become ASCII; full-width punctuation stays, it is
# ordinary Chinese punctuation.
for _start, _end in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A)):
    for _code in range(_start, _end + 1):
        _TABLE[_code] = chr(_code - 0xFEE0)
for _code in (0x00A0, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A,
              0x202F, 0x205F):
    _TABLE[_code] = " "
for _code in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD):
    _TABLE[_code] = None
# Control characters (ESC, BEL, backspace …) would act on the terminal when evidence is shown:
# each becomes its visible picture (␛ for ESC), one for one, so positions do not move.
for _code in (*range(0x00, 0x09), *range(0x0E, 0x20)):
    _TABLE[_code] = chr(0x2400 + _code)
_TABLE[0x7F] = "\u2421"
for _code in range(0x80, 0xA0):
    _TABLE[_code] = "\ufffd"
_TABLE.update({
    0x2028: "\n", 0x2029: "\n", 0x0085: "\n", 0x000B: "\n", 0x000C: "\n",
    ord("「"): "“", ord("」"): "”", ord("『"): "‘", ord("』"): "’",
    ord("〝"): "“", ord("〞"): "”", ord("＂"): '"',
    0x2015: "—", 0x2500: "—", 0xFE58: "—",
    0x2010: "-", 0x2011: "-", 0x2012: "-", 0x2013: "-", 0x2212: "-", 0xFE63: "-", 0xFF0D: "-",
})

# Traditional -> Simplified, one character for one character ("黨建" -> "党建"), always
# applied: every Traditional form here lies outside GB2312, the simplified character set,
# so no simplified essay contains it, except the few in GB2312_TRADITIONAL, whose uses in
# simplified text (乾坤, 於 as a surname, 宫商角徵羽, 奏摺) contain no rubric term.
# Forms that simplified text keeps with another meaning are left out: 著 (显著), 藉 (慰藉),
# 覆 (覆盖), 祇, 彷. A word-level converter (OpenCC) would be a new dependency for little gain:
# rubric terms only need their characters mapped.
TRADITIONAL = (
    "萬万 與与 醜丑 專专 業业 叢丛 東东 絲丝 丟丢 兩两 嚴严 喪丧 個个 箇个 豐丰 臨临 為为 爲为 麗丽 舉举 "
    "麼么 麽么 義义 烏乌 樂乐 喬乔 習习 鄉乡 鄕乡 書书 買买 亂乱 瞭了 爭争 於于 虧亏 雲云 亞亚 產产 産产 "
    "畝亩 親亲 億亿 僅仅 僕仆 從从 侖仑 倉仓 儀仪 們们 價价 眾众 衆众 優优 夥伙 會会 傘伞 偉伟 傳传 傷伤 "
    "倫伦 偽伪 僞伪 體体 餘余 傭佣 俠侠 侶侣 偵侦 側侧 僑侨 倆俩 儉俭 債债 値值 傾倾 償偿 儲储 兒儿 兌兑 "
    "黨党 蘭兰 關关 興兴 養养 獸兽 內内 岡冈 冊册 寫写 軍军 農农 馮冯 沖冲 衝冲 決决 況况 凍冻 凈净 淨净 "
    "淒凄 準准 涼凉 減减 湊凑 凜凛 幾几 鳳凤 憑凭 凱凯 兇凶 擊击 鑿凿 劃划 劉刘 則则 剛刚 創创 別别 彆别 "
    "颳刮 製制 劑剂 劍剑 剝剥 劇剧 辦办 務务 動动 勵励 勁劲 勞劳 勢势 勛勋 勳勋 匱匮 區区 醫医 昇升 華华 "
    "協协 單单 賣卖 蔔卜 佔占 盧卢 臥卧 衛卫 衞卫 卽即 卻却 捲卷 廠厂 廳厅 曆历 歷历 厲厉 壓压 厭厌 廁厕 "
    "廂厢 廈厦 廚厨 縣县 參参 雙双 發发 髮发 變变 敘叙 疊叠 隻只 檯台 臺台 颱台 葉叶 號号 嘆叹 歎叹 弔吊 "
    "後后 嚮向 嚇吓 嗎吗 噸吨 聽听 啓启 啟启 吳吴 員员 嗚呜 週周 詠咏 嚨咙 諮咨 鹹咸 嚥咽 鬨哄 響响 啞哑 "
    "嘩哗 脣唇 餵喂 囑嘱 囂嚣 迴回 團团 糰团 園园 睏困 圍围 國国 圖图 圓圆 聖圣 場场 壞坏 塊块 堅坚 壇坛 "
    "罈坛 壩坝 墳坟 墜坠 壟垄 壘垒 墾垦 墊垫 牆墙 壯壮 聲声 殼壳 壺壶 處处 備备 復复 複复 夠够 頭头 誇夸 "
    "夾夹 奪夺 奮奋 獎奖 奧奥 妝妆 婦妇 媽妈 薑姜 婁娄 嬌娇 娛娱 嬰婴 孫孙 學学 寧宁 寶宝 實实 寵宠 審审 "
    "憲宪 傢家 寬宽 賓宾 寢寝 對对 尋寻 導导 壽寿 將将 爾尔 塵尘 嘗尝 嚐尝 堯尧 尷尴 屍尸 儘尽 盡尽 層层 "
    "屆届 屬属 屢屡 歲岁 豈岂 崗岗 嵐岚 島岛 巖岩 嶺岭 嶽岳 峽峡 嶄崭 巔巅 鉅巨 鞏巩 幣币 佈布 帥帅 師师 "
    "帳帐 簾帘 幟帜 帶带 蓆席 幫帮 乾干 幹干 並并 併并 廣广 莊庄 慶庆 牀床 廬庐 庫库 應应 廟庙 龐庞 廢废 "
    "開开 異异 棄弃 張张 彌弥 彎弯 彈弹 強强 歸归 當当 錄录 彥彦 徹彻 徵征 徑径 禦御 憶忆 懺忏 誌志 憂忧 "
    "唸念 懷怀 態态 慫怂 憐怜 總总 戀恋 恆恒 卹恤 懇恳 噁恶 惡恶 惱恼 悅悦 懸悬 憫悯 驚惊 懼惧 慘惨 懲惩 "
    "慚惭 慣惯 憤愤 願愿 愼慎 懾慑 懶懒 戲戏 戰战 戶户 纔才 紮扎 撲扑 託托 執执 擴扩 掃扫 揚扬 擾扰 摺折 "
    "撫抚 拋抛 摳抠 搶抢 護护 報报 擔担 枴拐 擬拟 攏拢 揀拣 擁拥 攔拦 擰拧 撥拨 擇择 掛挂 摯挚 挾挟 撓挠 "
    "擋挡 掙挣 擠挤 揮挥 輓挽 綑捆 撈捞 損损 撿捡 換换 搗捣 據据 擄掳 擲掷 攬揽 攙搀 擱搁 摟搂 攪搅 蒐搜 "
    "攜携 攝摄 擺摆 搖摇 攤摊 撐撑 敵敌 敎教 斂敛 數数 齋斋 鬥斗 斬斩 斷断 無无 旣既 舊旧 時时 曠旷 晝昼 "
    "顯显 晉晋 曬晒 曉晓 暈晕 暉晖 暫暂 術术 硃朱 樸朴 機机 殺杀 雜杂 權权 桿杆 槓杠 條条 來来 楊杨 盃杯 "
    "傑杰 鬆松 闆板 極极 構构 樞枢 棗枣 槍枪 楓枫 梟枭 櫃柜 檸柠 柵栅 標标 棧栈 棟栋 欄栏 樹树 樣样 覈核 "
    "檔档 橋桥 樺桦 槳桨 樁桩 樑梁 夢梦 檢检 稜棱 橢椭 樓楼 欖榄 檻槛 橫横 櫻樱 櫥橱 歡欢 歐欧 慾欲 殲歼 "
    "殘残 殞殒 殯殡 毆殴 毀毁 燬毁 譭毁 畢毕 斃毙 氣气 氫氢 匯汇 彙汇 滙汇 漢汉 汙污 洶汹 溝沟 沒没 淪沦 "
    "滄沧 滬沪 氾泛 註注 淚泪 瀉泻 潑泼 澤泽 潔洁 灑洒 窪洼 淺浅 澆浇 濁浊 測测 濟济 瀏浏 濃浓 塗涂 湧涌 "
    "濤涛 渦涡 渙涣 潤润 漲涨 澀涩 淸清 漸渐 漁渔 滲渗 溫温 遊游 灣湾 溼湿 濕湿 滾滚 滯滞 滿满 濾滤 濫滥 "
    "濱滨 灘滩 潛潜 滅灭 燈灯 靈灵 竈灶 災灾 燦灿 爐炉 燉炖 點点 煉炼 鍊炼 熾炽 爍烁 爛烂 燭烛 煙烟 煩烦 "
    "燒烧 燙烫 熱热 煥焕 愛爱 爺爷 牽牵 犧牺 犢犊 狀状 猶犹 獨独 獅狮 獄狱 猻狲 獵猎 豬猪 貓猫 獻献 瑪玛 "
    "環环 現现 璽玺 瑣琐 瓊琼 甕瓮 電电 畫画 暢畅 疇畴 療疗 瘡疮 瘋疯 癥症 癢痒 癡痴 癱瘫 皺皱 盞盏 鹽盐 "
    "監监 蓋盖 盜盗 盤盘 眞真 睜睁 睞睐 瞞瞒 矚瞩 矯矫 礦矿 碼码 硏研 磚砖 礎础 碩硕 確确 礙碍 鹼碱 禮礼 "
    "禱祷 禍祸 稟禀 祿禄 禪禅 離离 禿秃 稈秆 種种 祕秘 積积 稱称 稅税 穩稳 窮穷 竊窃 竅窍 窯窑 竄窜 窩窝 "
    "窺窥 竪竖 豎竖 競竞 篤笃 筍笋 筆笔 籠笼 築筑 篩筛 籌筹 簽签 籤签 簡简 籃篮 籬篱 粵粤 糞粪 糧粮 係系 "
    "繫系 緊紧 糾纠 紅红 纖纤 約约 級级 紀纪 緯纬 純纯 紗纱 綱纲 納纳 縱纵 紛纷 紙纸 紋纹 紡纺 紐纽 綫线 "
    "線线 練练 組组 紳绅 細细 織织 終终 絆绊 紹绍 經经 綁绑 絨绒 結结 繞绕 繪绘 給给 絢绚 絡络 絕绝 絶绝 "
    "絞绞 統统 繡绣 繼继 績绩 緒绪 緖绪 續续 綽绰 繩绳 維维 綿绵 繃绷 綢绸 綜综 綠绿 緑绿 綴缀 緬缅 纜缆 "
    "緝缉 緩缓 締缔 縷缕 編编 緣缘 縛缚 縫缝 纏缠 縮缩 繳缴 網网 羅罗 罰罚 罷罢 羈羁 羨羡 羣群 翹翘 聳耸 "
    "恥耻 聶聂 職职 聯联 聰聪 肅肃 腸肠 膚肤 骯肮 腫肿 脹胀 脅胁 膽胆 勝胜 衚胡 鬍胡 朧胧 膠胶 脈脉 臟脏 "
    "髒脏 臍脐 腦脑 膿脓 腳脚 脫脱 臉脸 臘腊 醃腌 膩腻 騰腾 緻致 輿舆 捨舍 艦舰 艙舱 艱艰 艷艳 豔艳 藝艺 "
    "節节 蕪芜 蘆芦 葦苇 蒼苍 甦苏 蘇苏 蘋苹 範范 莖茎 繭茧 荊荆 薦荐 薈荟 盪荡 蕩荡 榮荣 葷荤 蔭荫 藥药 "
    "萊莱 蓮莲 獲获 穫获 瑩莹 螢萤 營营 蕭萧 薩萨 蔥葱 蔣蒋 矇蒙 藍蓝 衊蔑 蘊蕴 虜虏 慮虑 虛虚 蟲虫 雖虽 "
    "蝦虾 蝕蚀 螞蚂 蠶蚕 蠻蛮 蛻蜕 蠟蜡 蠅蝇 蟬蝉 蠍蝎 銜衔 補补 錶表 襯衬 袞衮 襖袄 裊袅 襪袜 襲袭 裝装 "
    "褲裤 見见 觀观 規规 覓觅 視视 覽览 覺觉 觸触 譽誉 計计 訂订 認认 譏讥 討讨 讓让 訓训 議议 訊讯 記记 "
    "講讲 訝讶 許许 訛讹 論论 訟讼 諷讽 設设 訪访 訣诀 證证 評评 詛诅 識识 詐诈 訴诉 診诊 詞词 譯译 試试 "
    "誠诚 話话 誕诞 詭诡 詢询 該该 詳详 誡诫 語语 誤误 誘诱 說说 説说 誦诵 請请 諸诸 諾诺 讀读 誹诽 課课 "
    "誰谁 調调 諒谅 談谈 謀谋 諜谍 謊谎 諧谐 謁谒 謂谓 謎谜 謝谢 謠谣 謙谦 謹谨 謬谬 譜谱 譴谴 穀谷 貝贝 "
    "貞贞 負负 貢贡 財财 責责 賢贤 敗败 賬账 貨货 質质 販贩 貪贪 貧贫 貶贬 購购 貫贯 賤贱 貼贴 貴贵 貸贷 "
    "貿贸 費费 賀贺 賊贼 賈贾 賄贿 賂赂 贓赃 資资 賑赈 賦赋 賭赌 贖赎 賞赏 賜赐 賠赔 賴赖 贅赘 賺赚 賽赛 "
    "讚赞 贊赞 贈赠 贍赡 贏赢 贛赣 趙赵 趕赶 趨趋 躉趸 躍跃 踐践 踴踊 躊踌 蹤踪 躪躏 軀躯 車车 軋轧 軌轨 "
    "軒轩 轉转 輪轮 軟软 轟轰 輕轻 載载 轎轿 較较 輔辅 輛辆 輩辈 輝辉 輯辑 輸输 轄辖 轍辙 辭辞 闢辟 辯辩 "
    "邊边 遼辽 達达 遷迁 過过 邁迈 運运 還还 這这 進进 遠远 違违 連连 遲迟 跡迹 蹟迹 適适 選选 遜逊 遞递 "
    "遺遗 遙遥 鄧邓 郵邮 鄒邹 鄰邻 鬱郁 鄭郑 醞酝 醬酱 釀酿 採采 釋释 裏里 裡里 鑑鉴 鑒鉴 針针 釘钉 鈣钙 "
    "鈍钝 鈔钞 鍾钟 鐘钟 鋼钢 鑰钥 鈎钩 鉤钩 鈕钮 錢钱 鉗钳 鑽钻 鐵铁 鈴铃 鉛铅 銅铜 鋁铝 銘铭 鏟铲 銀银 "
    "鑄铸 鋪铺 鏈链 銷销 鎖锁 鋤锄 鍋锅 鏽锈 鋒锋 銳锐 錯错 錨锚 錫锡 鑼锣 錘锤 鎚锤 錦锦 鍵键 鋸锯 鍛锻 "
    "鍍镀 鎮镇 鎊镑 鏡镜 鐮镰 鑲镶 長长 門门 閃闪 閉闭 問问 闖闯 閑闲 閒闲 間间 悶闷 閘闸 鬧闹 聞闻 閩闽 "
    "閥阀 閣阁 閱阅 閻阎 闡阐 闊阔 隊队 陽阳 陰阴 陣阵 際际 陸陆 隴陇 陳陈 陝陕 隕陨 險险 隨随 隱隐 隸隶 "
    "雋隽 難难 僱雇 雛雏 靂雳 霧雾 黴霉 靄霭 靑青 靜静 麪面 麵面 韋韦 韌韧 韓韩 韻韵 頁页 頂顶 頃顷 項项 "
    "順顺 須须 鬚须 頑顽 顧顾 頓顿 頒颁 頌颂 預预 領领 頗颇 頸颈 頰颊 頻频 頹颓 穎颖 顆颗 題题 顏颜 額额 "
    "顛颠 顫颤 風风 颶飓 飄飘 飛飞 飢饥 饑饥 飯饭 飮饮 飲饮 飾饰 飽饱 飼饲 饒饶 餃饺 餅饼 餓饿 餡馅 館馆 "
    "饋馈 饞馋 饅馒 馬马 馴驯 馳驰 驅驱 駁驳 驢驴 駛驶 駐驻 駝驼 駕驾 驛驿 罵骂 驕骄 駭骇 驗验 騎骑 騙骗 "
    "騷骚 驟骤 魚鱼 魯鲁 鮮鲜 鯨鲸 鱗鳞 鳥鸟 雞鸡 鳴鸣 鷗鸥 鴉鸦 鴨鸭 鴻鸿 鵝鹅 鵬鹏 鶴鹤 鷹鹰 麥麦 蔴麻 "
   "黃黄 齊齐 齒齿 齡龄 龍龙 龔龚 龜龟 嘮唠"
    " 纓缨"
)
GB2312_TRADITIONAL = "乾於夥後徵摺麽"
TO_SIMPLIFIED = {traditional: simplified for traditional, simplified in TRADITIONAL.split()}
_TABLE.update({ord(t): s for t, s in TO_SIMPLIFIED.items()})
# Kangxi radicals (⽀ U+2F40) and CJK compatibility ideographs, as text copied out of PDFs
# often has them, become the ordinary characters (支).
for _code in (*range(0x2E80, 0x2FE0), *range(0xF900, 0xFB00)):
    _folded = unicodedata.normalize("NFKC", chr(_code))
    if len(_folded) == 1 and _folded != chr(_code) and _folded >= "\u3400":
        _TABLE[_code] = TO_SIMPLIFIED.get(_folded, _folded)


def normalize(text: str) -> str:
    """Return text with normalised widths, spaces, quotes, dashes, script and line breaks."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.translate(_TABLE)
