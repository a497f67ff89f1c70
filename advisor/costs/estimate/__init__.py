"""From a conversation's answers to the cost of every approach: the inputs read from the
answers, the exact arithmetic, the rules that choose the model a fine-tune would be of and
what it is compared with, and the first year priced day by day."""
