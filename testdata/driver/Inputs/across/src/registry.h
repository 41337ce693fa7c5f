struct Widget {
  int Id = 0;
};

class Registry {
public:
  void adopt(Widget *W);
  void describe(Widget *W);

private:
  Widget *Owned[8] = {};
  int Count = 0;
};
