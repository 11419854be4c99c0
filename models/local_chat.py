"""An offline chat model: a local instruct model behind langchain's chat interface.

`local:smollm2` (or `local:/path/model.gguf`) runs on llama.cpp with the GGUF's chat template;
`local:/path/to/hf-dir` on transformers with the tokenizer's. Weak compared with a hosted LLM;
it exists so that the offline product has the same shape as the online one.
"""

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult

from models.base_model import DEFAULT_BASE
from models.deadline import deadline_in

_ROLES = {"human": "user", "ai": "assistant", "system": "system"}


class LocalChatModel(BaseChatModel):
    base_model: str = DEFAULT_BASE
    max_new_tokens: int = 512
    timeout_s: float | None = None  # decoding stops at it

    @property
    def _llm_type(self) -> str:
        return "flowsmith-local"

    def _generate(self, messages: list[BaseMessage], stop=None, run_manager=None, **kwargs) -> ChatResult:
        chat = [{"role": _ROLES.get(m.type, "user"), "content": str(m.content)} for m in messages]
        on_llama = self.base_model == DEFAULT_BASE or self.base_model.endswith(".gguf")
        with deadline_in(self.timeout_s):  # decoding stops there (or at the caller's deadline)
            text = self._llama(chat) if on_llama else self._hf(chat)
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])

    def _llama(self, chat: list[dict]) -> str:
        from models.loading import llama_gguf, load_llama

        engine = load_llama(llama_gguf(base_model=self.base_model))
        return engine.generate(engine.chat_prompt(chat), self.max_new_tokens, engine.eos_ids()).text

    def _hf(self, chat: list[dict]) -> str:
        from models.decoding import hf_generate
        from models.loading import load_slm

        model, tokenizer = load_slm(base_model=self.base_model)  # bare base, fp32, cached
        prompt = tokenizer.apply_chat_template(chat, add_generation_prompt=True, tokenize=False)
        return hf_generate(model, tokenizer, [prompt], self.max_new_tokens, [tokenizer.eos_token_id])[0].text
