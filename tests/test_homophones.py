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
