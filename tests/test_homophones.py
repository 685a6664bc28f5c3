"""Policy terms typed by their sound (voice input, pinyin keyboards)."""

from policybot.homophones import correct
from policybot.query import analyze


def test_a_term_typed_with_a_homophone_is_read_as_the_term():
    assert correct("评上单向冠军给多少") == "评上单项冠军给多少"
    assert correct("绿色公厂认定了有奖补吗") == "绿色工厂认定了有奖补吗"
    assert correct("专经特新小巨人") == "专精特新小巨人"  # the longer term, whole
    assert "专精特新" in analyze("济南对专精特心企业有啥扶持").standalone


def test_a_real_word_that_only_sounds_near_a_term_is_left_alone():
    assert correct("产业集团怎么弄") == "产业集团怎么弄"  # 集团 is not 集群 by sound
    assert correct("济南产业集群") == "济南产业集群"
    assert correct("技该补贴") == "技该补贴"  # two-character terms sound like too many words
    assert correct("2025年营收") == "2025年营收"


def test_a_homophone_in_an_earlier_turn_is_read_too():
    q = analyze("那市级的呢", ("评上国家级单向冠军，济南给多少钱",))
    assert "单项冠军" in q.standalone


def test_a_level_word_typed_by_sound_is_the_level():
    assert correct("拿到国家极的认定") == "拿到国家级的认定"
    assert correct("县极的呢") == "县级的呢"
    # 极 as a word of its own stays
    assert correct("城市极大地方便了企业") == "城市极大地方便了企业"
    assert correct("市里极力推动，企业积极参与") == "市里极力推动，企业积极参与"


def test_a_city_name_typed_by_sound_is_the_city():
    assert correct("淄薄的方案管到哪年") == "淄博的方案管到哪年"  # 薄 reads bo as well as bao
    assert correct("济凝和临沂") == "济宁和临沂"
    assert "淄博市" in [p.name for p in analyze("济南和淄搏比呢").places]
    # never where the characters belong to words of the text, nor a word or place of its own
    assert correct("北京和天津") == "北京和天津"  # 和天 is no 和田: 天 is 天津's
    assert correct("这个日子") == "这个日子"
    assert correct("烟台和威海") == "烟台和威海"


def test_a_city_name_whose_first_character_is_typed_by_sound_is_the_city():
    # voice input: 资 for 淄, 季 for 济, the other character as written
    assert correct("资博那边的方案管到哪年") == "淄博那边的方案管到哪年"
    assert "济宁市" in [p.name for p in analyze("季宁和资博的目标各是多少").places]
    assert "淄博市" in [p.name for p in analyze("季宁和资博的目标各是多少").places]
    # not where the character kept is a word of its own after another (都 of 厂都 is no 昌都's)
    assert correct("整个厂都做智能化改造") == "整个厂都做智能化改造"
    assert correct("资本市场和记录") == "资本市场和记录"
