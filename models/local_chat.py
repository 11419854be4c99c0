"""An offline chat model: a local transformers instruct model behind langchain's chat interface.

The default repair model when no remote LLM is configured (`local:smollm2`), so the agent's
repair loop runs with no network. Weak compared with a hosted LLM; it exists so that the offline
product has the same shape as the online one.
"""

import torch
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult

from models.loading import load_slm

_ROLES = {"human": "user", "ai": "assistant", "system": "system"}


class LocalChatModel(BaseChatModel):
    base_model: str = "smollm2"
    max_new_tokens: int = 512

    @property
    def _llm_type(self) -> str:
        return "flowsmith-local"

    def _generate(self, messages: list[BaseMessage], stop=None, run_manager=None, **kwargs) -> ChatResult:
        model, tokenizer = load_slm(base_model=self.base_model)  # bare base, fp32, cached
        chat = [{"role": _ROLES.get(m.type, "user"), "content": str(m.content)} for m in messages]
        ids = tokenizer.apply_chat_template(chat, add_generation_prompt=True, return_tensors="pt", return_dict=True)
        with torch.no_grad():
            out = model.generate(
                **ids, max_new_tokens=self.max_new_tokens, do_sample=False, pad_token_id=tokenizer.eos_token_id
            )
        text = tokenizer.decode(out[0][ids["input_ids"].shape[1] :], skip_special_tokens=True)
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])
